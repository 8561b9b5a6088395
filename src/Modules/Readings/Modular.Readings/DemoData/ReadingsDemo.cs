using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Composition;
using Modular.Core.Demo;
using Modular.Readings.Persistence;
using NodaTime;

namespace Modular.Readings.DemoData;

/// <summary>
/// Readings' demo data: a meter with two years of monthly readings (see <see cref="ReadingsDemoData"/>) for every contract
/// of Accounts' demo customers, up to the end of last month. Nothing without the Accounts module.
/// </summary>
internal sealed class ReadingsDemo(ReadingsDbContext db, ModuleCatalog modules) : IDemoData
{
    public Task<bool> HasDataAsync(CancellationToken cancellationToken) => db.Meters.AnyAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        if (!modules.Names.Contains("Accounts", StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var contracts = await context.Mediator.Send(new ListContracts(null, 10_000), cancellationToken);
        if (contracts.IsFailure)
        {
            throw new InvalidOperationException("The demo contracts could not be listed: " + contracts);
        }

        // A repeated load (after one that died) gives meters only to the contracts that have none yet.
        var metered = (await db.Meters.Select(m => m.ContractId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var todo = contracts.Value.Where(c => !metered.Contains(c.ContractId))
            .Select(c => new DemoMeterSite(c.ContractId, c.StartDate, c.EndDate, SelfReads(c)))
            .ToList();
        if (todo.Count > 0)
        {
            await ReadingsDemoData.SeedAsync(context.Mediator, todo, LastMonthEnd(context.Today), context.Seed, cancellationToken);
        }
    }

    /// <summary>
    /// Whether the customer reads the meter: about half of the block apartments ("bl." in the address) have meters in the
    /// stairwell that the field reader reads. The first three demo customers read their own: the demo login and the
    /// walkthroughs (documented and tested) that register as 100002 and 100003 try the reading form.
    /// </summary>
    public static bool SelfReads(ContractSummary contract) =>
        string.CompareOrdinal(contract.ClientCode, "100003") <= 0
        || !contract.ServiceAddress.Contains(", bl. ", StringComparison.Ordinal)
        || contract.ContractNumber.Sum(c => c) % 2 == 0;

    /// <summary>The demo's readings end on the last day of the month before today.</summary>
    public static LocalDate LastMonthEnd(LocalDate today) => today.With(DateAdjusters.StartOfMonth).PlusDays(-1);
}
