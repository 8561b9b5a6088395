using System.Globalization;
using System.Text;
using MediatR;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Readings.DemoData;

/// <summary>What <see cref="ReadingsDemoData.SeedAsync"/> created: one meter per contract, in the order given.</summary>
public sealed record DemoReadings(IReadOnlyList<Guid> MeterIds, ImportReport Import);

/// <summary>
/// Deterministic demo data for hosts and benchmarks: for each contract one meter (serial derived from the contract id,
/// 5 integer digits, 3 decimals, self-read allowed) installed two years before the end date, and 24 monthly
/// field readings ending on that date, with seasonal household use. The same ids, date and seed give the same data.
/// Send through a mediator resolved in a system caller's scope; the utility's today must not be before the end date.
/// </summary>
public static class ReadingsDemoData
{
    public static async Task<DemoReadings> SeedAsync(IMediator mediator, IReadOnlyList<Guid> contractIds, LocalDate endDate, int seed = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(contractIds);
        var csv = new StringBuilder("serial,date,index\n");
        var meterIds = new List<Guid>(contractIds.Count);
        foreach (var contractId in contractIds)
        {
            // HashCode is randomized per process; a plain mix keeps the data the same across runs.
            var random = new Random(unchecked((seed * 397) ^ BitConverter.ToInt32(contractId.ToByteArray(), 0)));
            var serial = "DEMO-" + contractId.ToString("N").ToUpperInvariant();
            var installed = endDate.PlusMonths(-24).PlusDays(-3);
            var index = Math.Round((decimal)(random.NextDouble() * 500), 3);
            var registered = await mediator.Send(
                new RegisterMeter(serial, contractId, 5, 3, installed, index, installed.PlusYears(8), SelfReadAllowed: true), cancellationToken);
            if (registered.IsFailure)
            {
                throw new InvalidOperationException($"Demo meter {serial} could not be registered: {registered}.");
            }

            meterIds.Add(registered.Value);
            var monthlyBase = 4 + (random.NextDouble() * 10);
            for (var month = 23; month >= 0; month--)
            {
                var date = endDate.PlusMonths(-month);
                var season = 1 + (0.25 * Math.Sin((date.Month - 4) * Math.PI / 6));
                index += Math.Round((decimal)(monthlyBase * season * (0.85 + (random.NextDouble() * 0.3))), 3);
                csv.Append(CultureInfo.InvariantCulture, $"{serial},{date:yyyy-MM-dd},{index.ToString(CultureInfo.InvariantCulture)}\n");
            }
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var import = await mediator.Send(new ImportFieldReadings(stream), cancellationToken);
        if (import.IsFailure)
        {
            throw new InvalidOperationException($"Demo readings could not be imported: {import}.");
        }

        return new DemoReadings(meterIds, import.Value);
    }
}
