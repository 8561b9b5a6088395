using System.Collections;
using System.Data.Common;
using System.Reflection;
using Autofac;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts;
using Modular.Billing;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Kiosks;
using Modular.Payments;
using Modular.Readings;
using Modular.Notifications;
using Modular.Requests;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Integration.Tests;

/// <summary>
/// Table-driven from the declarations: every request of every Contracts package and of Core, sent as every kind of
/// caller. A refused one answers core.forbidden and changes nothing (but the audit row of a refused staff or kiosk
/// command); an allowed one gets past the check (a probe behind it stops the request before its handler).
/// </summary>
public abstract class CallerPermissionTests(TestDatabase database) : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(database,
        m => m.AddAccounts().AddReadings().AddBilling().AddPayments().AddRequests().AddNotifications().AddKiosks().AddModule(new ProbeModule()));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static IEnumerable<object[]> CallerNames() => Callers.Keys.Select(k => new object[] { k });

    [DbTheory]
    [MemberData(nameof(CallerNames))]
    public async Task Each_caller_is_refused_exactly_what_the_declarations_refuse_it(string callerName)
    {
        var caller = Callers[callerName];
        var permissions = _host.Container.Resolve<StaffPermissions>();
        var requests = AllRequests();
        requests.Count.ShouldBeGreaterThan(60);
        var before = await RowCountsAsync();
        var refusedAudited = 0;
        var wrong = new List<string>();
        foreach (var type in requests)
        {
            var declared = type.GetCustomAttribute<AllowedCallersAttribute>()!;
            var expected = Allowed(declared, caller, permissions);
            var request = Build(type);
            await using var scope = _host.BeginScope(caller);
            scope.Resolve<Probe>().Stop = expected;
            var result = (Result)(await scope.Resolve<IMediator>().Send((dynamic)request))!;
            var refused = result.IsFailure && result.Error.Code == CoreErrors.Forbidden;
            if (refused == expected)
            {
                wrong.Add($"{type.Name}: expected {(expected ? "allowed" : "refused")}, got {(result.IsSuccess ? "success" : result.Error.Code)}");
            }

            if (!expected && caller.Kind is CallerKind.Staff or CallerKind.KioskSession && IsCommand(type))
            {
                refusedAudited++;
            }
        }

        wrong.ShouldBeEmpty();
        var after = await RowCountsAsync();
        foreach (var (table, count) in after)
        {
            var expectedCount = before.GetValueOrDefault(table) + (table.Contains("audit_entries", StringComparison.Ordinal) ? AuditedAllowed(requests, caller, permissions) + refusedAudited : 0);
            count.ShouldBe(expectedCount, table);
        }
    }

    private static readonly Dictionary<string, Caller> Callers = new()
    {
        ["anonymous"] = Caller.Anonymous,
        ["customer"] = Caller.Customer(Guid.NewGuid()),
        ["api-token"] = Caller.Customer(Guid.NewGuid(), Channel.ApiToken),
        ["kiosk-session"] = Caller.KioskSession(Guid.NewGuid()),
        ["staff-without-roles"] = Caller.Staff(Guid.NewGuid(), []),
        ["cashier"] = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Counter),
        ["customer-service"] = Caller.Staff(Guid.NewGuid(), [StaffRoles.CustomerService]),
        ["customer-service-on-behalf"] = Caller.Staff(Guid.NewGuid(), [StaffRoles.CustomerService]).OnBehalfOf(Guid.NewGuid()),
        ["supervisor"] = Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]),
        ["administrator"] = Caller.Staff(Guid.NewGuid(), [StaffRoles.Administrator]),
        ["system"] = Caller.System,
        ["import"] = Caller.ForSystem(Channel.Import),
    };

    /// <summary>What the declarations say, computed independently of Core's behavior.</summary>
    private static bool Allowed(AllowedCallersAttribute declared, Caller caller, StaffPermissions permissions) => caller.Kind switch
    {
        CallerKind.Anonymous => declared.Callers.HasFlag(Modular.Core.Access.Callers.Anonymous),
        CallerKind.Customer => declared.Callers.HasFlag(Modular.Core.Access.Callers.Customer),
        CallerKind.KioskSession => declared.Callers.HasFlag(Modular.Core.Access.Callers.KioskSession),
        CallerKind.System => declared.Callers.HasFlag(Modular.Core.Access.Callers.System),
        CallerKind.Staff => declared.Callers.HasFlag(Modular.Core.Access.Callers.Staff)
            && (declared.Callers == Modular.Core.Access.Callers.Anyone || declared.StaffPermission is null
                || caller.Roles.Any(r => permissions.Of(r).Contains(declared.StaffPermission))),
        _ => false,
    };

    /// <summary>Allowed commands of staff and kiosk sessions are audited too (with the probe's code as their outcome).</summary>
    private static int AuditedAllowed(IReadOnlyList<Type> requests, Caller caller, StaffPermissions permissions) =>
        caller.Kind is CallerKind.Staff or CallerKind.KioskSession
            ? requests.Count(t => IsCommand(t) && Allowed(t.GetCustomAttribute<AllowedCallersAttribute>()!, caller, permissions))
            : 0;

    private static bool IsCommand(Type type) => type.GetInterfaces().Any(i =>
        i == typeof(Modular.Core.Messaging.ICommand) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Modular.Core.Messaging.ICommand<>)));

    /// <summary>The public requests of Core and of every module's Contracts.</summary>
    private static IReadOnlyList<Type> AllRequests() =>
        new[] { typeof(AllowedCallersAttribute).Assembly, typeof(Accounts.Contracts.LogIn).Assembly, typeof(Readings.Contracts.SubmitReading).Assembly,
                typeof(Billing.Contracts.RunBilling).Assembly, typeof(Payments.Contracts.CreatePayment).Assembly,
                typeof(Requests.Contracts.ListRequests).Assembly, typeof(Notifications.Contracts.SetNotificationPreference).Assembly,
                typeof(Kiosks.Contracts.ListKiosks).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBaseRequest).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    /// <summary>An instance with plausible values; the probe stops allowed ones, so their content only needs to be well-typed.</summary>
    private static object Build(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType)).ToArray());
    }

    private static object? Value(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Value(underlying);
        }

        if (type == typeof(string))
        {
            return "x";
        }

        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (type == typeof(Stream))
        {
            return new MemoryStream();
        }

        if (type == typeof(LocalDate))
        {
            return new LocalDate(2026, 11, 1);
        }

        if (type == typeof(YearMonth))
        {
            return new YearMonth(2026, 11);
        }

        if (type == typeof(Instant))
        {
            return Instant.FromUtc(2026, 11, 1, 0, 0);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var key, var value]
            && typeof(IEnumerable).IsAssignableFrom(type) && type.Name.Contains("Dictionary", StringComparison.Ordinal))
        {
            return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value));
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return Array.CreateInstance(type.GetGenericArguments()[0], 0);
        }

        return type.IsValueType ? Activator.CreateInstance(type) switch { int => 1, decimal => 1m, var v => v } : null;
    }

    /// <summary>Rows in every table of every store.</summary>
    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        await using var scope = _host.BeginScope();
        foreach (var store in scope.Resolve<IEnumerable<ModuleStore>>())
        {
            var context = (ModuleDbContext)scope.Resolve(store.ContextType);
            var connection = context.Database.GetDbConnection();
            await context.Database.OpenConnectionAsync();
            try
            {
                foreach (var entity in context.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
                {
                    var table = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
                    await using DbCommand command = connection.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM " + table;
                    counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
                }
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }
        }

        return counts;
    }
}

/// <summary>Whether the probe stops the request of its scope once it got past the access check.</summary>
public sealed class Probe
{
    public bool Stop { get; set; }
}

/// <summary>Registered after Core's behaviors, so it runs after the access check and stops the request before its handler.</summary>
internal sealed class ProbeBehavior<TRequest, TResponse>(Probe probe) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!probe.Stop)
        {
            return next();
        }

        var failure = typeof(TResponse) == typeof(Result)
            ? Result.Failure("test.reached")
            : typeof(TResponse).GetMethod(nameof(Result.Failure), [typeof(string), typeof(string)])!.Invoke(null, ["test.reached", null]);
        return Task.FromResult((TResponse)failure!);
    }
}

internal sealed class ProbeModule : ModularModule
{
    public override string Name => "Probe";

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterType<Probe>().InstancePerLifetimeScope();
        builder.RegisterGeneric(typeof(ProbeBehavior<,>)).As(typeof(IPipelineBehavior<,>));
    }
}

public sealed class SqliteCallerPermissionTests(SqliteDatabase database) : CallerPermissionTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresCallerPermissionTests(PostgresDatabase database) : CallerPermissionTests(database), IClassFixture<PostgresDatabase>;
