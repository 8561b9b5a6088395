using System.Reflection;
using MediatR;
using Modular.Core.Access;
using Shouldly;
using Xunit;

namespace Modular.Architecture.Tests;

/// <summary>Every request says who may send it; Core refuses the ones that do not, so a new request cannot slip through.</summary>
public sealed class RequestDeclarationTests
{
    [Fact]
    public void Every_request_declares_who_may_send_it()
    {
        var undeclared = Requests()
            .Where(t => t.GetCustomAttribute<AllowedCallersAttribute>(inherit: false) is not { Callers: not Callers.None })
            .Select(t => t.FullName)
            .ToList();
        undeclared.ShouldBeEmpty("add [AllowedCallers(...)] to these requests");
    }

    [Fact]
    public void Staff_permissions_named_by_requests_are_declared_permissions()
    {
        var known = Permissions();
        var unknown = Requests()
            .Select(t => (Type: t, Declared: t.GetCustomAttribute<AllowedCallersAttribute>(inherit: false)))
            .Where(x => x.Declared is { StaffPermission: { } permission } && !known.Contains(permission))
            .Select(x => $"{x.Type.FullName}: {x.Declared!.StaffPermission}")
            .ToList();
        unknown.ShouldBeEmpty("name a constant marked [StaffPermission]");
    }

    [Fact]
    public void Staff_only_requests_that_change_others_data_name_a_permission()
    {
        // Any staff member may manage their own account; anything else a staff member does needs a permission.
        var selfService = new HashSet<string> { "LogOut", "GetMySessions", "EndMySession", "EndMyOtherSessions", "ChangeStaffPassword" };
        var offenders = Requests()
            .Select(t => (Type: t, Declared: t.GetCustomAttribute<AllowedCallersAttribute>(inherit: false)))
            .Where(x => x.Declared is { } d && d.Callers.HasFlag(Callers.Staff) && d.Callers != Callers.Anyone && d.StaffPermission is null
                && !selfService.Contains(x.Type.Name))
            .Select(x => x.Type.FullName)
            .ToList();
        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Every_declared_permission_guards_a_request()
    {
        var used = Requests().Select(t => t.GetCustomAttribute<AllowedCallersAttribute>(inherit: false)?.StaffPermission).OfType<string>().ToHashSet();
        Permissions().Where(p => !used.Contains(p)).ShouldBeEmpty();
    }

    /// <summary>Requests in every library: Contracts, Core.Abstractions and the modules' own internal requests.</summary>
    internal static IReadOnlyList<Type> Requests() =>
        Repository.LibraryProjects.Select(Repository.Load)
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false } && typeof(IBaseRequest).IsAssignableFrom(t))
            .ToList();

    private static HashSet<string> Permissions() =>
        Repository.LibraryProjects.Select(Repository.Load)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.GetCustomAttribute<StaffPermissionAttribute>() is not null)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
}
