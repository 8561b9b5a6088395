using Autofac;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Persistence;
using Modular.Core.Platform;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Core.Demo;

/// <summary>
/// Loads the modules' demo data when asked for, once, into an empty database: a database where any module holds data
/// is left alone. One instance claims the load (a unique row) and holds it with a lease; modules are loaded in dependency
/// order and each finished module is recorded, so a start after a load that died takes it over where it stopped.
/// Runs after the migrations and before the host serves, so the first page already shows the demo.
/// </summary>
internal sealed class DemoDataLoader(
    ILifetimeScope root,
    IOptions<DemoOptions> options,
    IEnumerable<DemoDataSource> sources,
    ModuleCatalog catalog,
    DemoDataReport report,
    ILogger<DemoDataLoader> logger) : IHostedService
{
    /// <summary>How long a claim holds without progress before another instance may take the load over.</summary>
    internal static readonly Duration Lease = Duration.FromMinutes(10);

    private readonly string _owner = Environment.MachineName + "/" + Guid.NewGuid().ToString("N");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Resolved here, not injected: a bad time zone must stop the start as the options' validation says, not as a
        // hosted service that cannot be built.
        var clock = root.Resolve<UtilityClock>();
        var ordered = sources.OrderBy(Position).ToList();
        await using var scope = root.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
        var db = scope.Resolve<CoreDbContext>();
        var state = await db.Set<DemoDataState>().SingleOrDefaultAsync(cancellationToken);
        if (state?.CompletedAt is not null)
        {
            Describe(scope, ordered);
            return;
        }

        state = state is null
            ? await ClaimEmptyAsync(scope, db, ordered, clock, cancellationToken)
            : await TakeOverAsync(db, state, clock, cancellationToken);
        if (state is null)
        {
            return;
        }

        var done = state.CompletedModules.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var source in ordered.Where(s => !done.Contains(s.Module)))
        {
            // Each module in its own scope, so one module's tracked entities never leak into the next.
            await using (var moduleScope = root.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>()))
            {
                var demo = (IDemoData)moduleScope.Resolve(source.Type);
                await demo.LoadAsync(new DemoDataContext(moduleScope.Resolve<IMediator>(), clock.Today, options.Value.Seed), cancellationToken);
            }

            done.Add(source.Module);
            state.CompletedModules = string.Join(' ', done.Order(StringComparer.Ordinal));
            state.LeaseUntil = clock.Now + Lease;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Loaded the demo data of module {Module}", source.Module);
        }

        state.CompletedAt = clock.Now;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Loaded demo data into the empty database ({Modules})", string.Join(", ", ordered.Select(s => s.Module)));
        Describe(scope, ordered);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The module's place in dependency order, moved behind the modules it loads after.</summary>
    private double Position(DemoDataSource source)
    {
        var names = catalog.Names.ToList();
        double IndexOf(string module) => names.FindIndex(n => string.Equals(n, module, StringComparison.OrdinalIgnoreCase));
        return source.After.Select(a => IndexOf(a) + 0.5).Append(IndexOf(source.Module)).Max();
    }

    /// <summary>Claims the load if no module holds data yet; null when the database is not empty or another instance claimed first.</summary>
    private async Task<DemoDataState?> ClaimEmptyAsync(ILifetimeScope scope, CoreDbContext db, IReadOnlyList<DemoDataSource> ordered,
        UtilityClock clock, CancellationToken cancellationToken)
    {
        foreach (var source in ordered)
        {
            if (await ((IDemoData)scope.Resolve(source.Type)).HasDataAsync(cancellationToken))
            {
                logger.LogWarning("Demo data is not loaded: the database is not empty (module {Module} holds data). Demo data only goes into an empty database",
                    source.Module);
                return null;
            }
        }

        var now = clock.Now;
        var state = new DemoDataState { StartedAt = now, Owner = _owner, LeaseUntil = now + Lease };
        db.Add(state);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return state;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            logger.LogInformation("Another instance is loading the demo data");
            return null;
        }
    }

    /// <summary>Takes over a load whose owner stopped renewing its lease (killed half-way); null while the owner is alive.</summary>
    private async Task<DemoDataState?> TakeOverAsync(CoreDbContext db, DemoDataState state, UtilityClock clock, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        if (state.LeaseUntil > now)
        {
            logger.LogInformation("Another instance is loading the demo data (claimed at {StartedAt})", state.StartedAt);
            return null;
        }

        // The lease in the WHERE clause makes the take-over unique: of two instances taking over, one updates the row.
        var expired = state.LeaseUntil;
        var taken = await db.Set<DemoDataState>()
            .Where(s => s.Id == DemoDataState.Key && s.LeaseUntil == expired && s.CompletedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Owner, _owner).SetProperty(s => s.LeaseUntil, now + Lease), cancellationToken);
        if (taken == 0)
        {
            return null;
        }

        await db.Entry(state).ReloadAsync(cancellationToken);
        logger.LogWarning("Taking over a demo data load that stopped half-way (done: {Modules})",
            state.CompletedModules.Length == 0 ? "none" : state.CompletedModules);
        return state;
    }

    private void Describe(ILifetimeScope scope, IReadOnlyList<DemoDataSource> ordered) =>
        report.Set(ordered.SelectMany(s => ((IDemoData)scope.Resolve(s.Type)).Describe()).ToList());
}
