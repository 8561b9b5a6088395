using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Modular.Core.Access;

/// <summary><c>Modular:Access</c>: the permissions of each staff role.</summary>
public sealed class AccessOptions
{
    /// <summary>
    /// Permissions per role (<c>Modular:Access:Roles:cashier:0 = payments.counter</c>). A role named here gets exactly
    /// these; a role not named keeps the defaults its modules declare. Other role names add roles of the utility's own.
    /// </summary>
    public Dictionary<string, string[]> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A class of <c>const string</c> permissions (marked <see cref="StaffPermissionAttribute"/>) a module declares.</summary>
public sealed record PermissionSource(Type Declaring);

/// <summary>One declared permission with the roles that get it when configuration says nothing.</summary>
public sealed record PermissionDefinition(string Name, IReadOnlyList<string> DefaultRoles);

/// <summary>Every permission the composed modules declare, and what each staff role grants.</summary>
public sealed class StaffPermissions
{
    private readonly Dictionary<string, HashSet<string>> _byRole;

    public StaffPermissions(IEnumerable<PermissionSource> sources, IOptions<AccessOptions> options)
    {
        Definitions = Read(sources);
        _byRole = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in StaffRoles.All)
        {
            _byRole[role] = [];
        }

        foreach (var permission in Definitions.Values)
        {
            _byRole[StaffRoles.Administrator].Add(permission.Name);
            foreach (var role in permission.DefaultRoles)
            {
                (_byRole.TryGetValue(role, out var set) ? set : _byRole[role] = []).Add(permission.Name);
            }
        }

        foreach (var (role, permissions) in options.Value.Roles)
        {
            _byRole[role] = new HashSet<string>(permissions ?? [], StringComparer.Ordinal);
        }
    }

    public IReadOnlyDictionary<string, PermissionDefinition> Definitions { get; }

    public IReadOnlyCollection<string> Roles => _byRole.Keys;

    public bool IsRole(string role) => _byRole.ContainsKey(role);

    public IReadOnlySet<string> Of(string role) => _byRole.TryGetValue(role, out var set) ? set : new HashSet<string>();

    /// <summary>True when any of <paramref name="roles"/> grants <paramref name="permission"/>.</summary>
    public bool Grants(IEnumerable<string> roles, string permission) => roles.Any(r => _byRole.TryGetValue(r, out var set) && set.Contains(permission));

    internal static IReadOnlyDictionary<string, PermissionDefinition> Read(IEnumerable<PermissionSource> sources)
    {
        var definitions = new Dictionary<string, PermissionDefinition>(StringComparer.Ordinal);
        foreach (var source in sources.DistinctBy(s => s.Declaring))
        {
            foreach (var field in source.Declaring.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (field is { IsLiteral: true } && field.GetCustomAttribute<StaffPermissionAttribute>() is { } declared
                    && field.GetRawConstantValue() is string name)
                {
                    definitions[name] = new PermissionDefinition(name, declared.DefaultRoles);
                }
            }
        }

        return definitions;
    }
}

/// <summary>Refuses configured roles that name unknown permissions, with the configuration key.</summary>
internal sealed class AccessOptionsValidator(IEnumerable<PermissionSource> sources) : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var known = StaffPermissions.Read(sources);
        var failures = new List<string>();
        foreach (var (role, permissions) in options.Roles)
        {
            if (string.IsNullOrWhiteSpace(role) || role.Any(char.IsWhiteSpace))
            {
                failures.Add($"Modular:Access:Roles: '{role}' is not a role name (no spaces).");
            }

            foreach (var permission in permissions ?? [])
            {
                if (!known.ContainsKey(permission))
                {
                    failures.Add($"Modular:Access:Roles:{role}: '{permission}' is not a permission of the composed modules ({string.Join(", ", known.Keys.Order())}).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class PermissionRegistration
{
    /// <summary>Makes a class of permission constants (<see cref="StaffPermissionAttribute"/>) known to the host.</summary>
    public static IServiceCollection AddStaffPermissions(this IServiceCollection services, Type declaring)
    {
        ArgumentNullException.ThrowIfNull(declaring);
        services.AddSingleton(new PermissionSource(declaring));
        return services;
    }
}
