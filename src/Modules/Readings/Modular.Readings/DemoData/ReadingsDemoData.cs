using System.Globalization;
using System.Text;
using MediatR;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Readings.DemoData;

/// <summary>What <see cref="ReadingsDemoData.SeedAsync(IMediator, IReadOnlyList{DemoMeterSite}, LocalDate, int, CancellationToken)"/> created: one meter per contract, in the order given.</summary>
public sealed record DemoReadings(IReadOnlyList<Guid> MeterIds, ImportReport Import);

/// <summary>
/// Where a demo meter is: its contract's dates bound its readings (none before the start, none after the end), and a meter
/// the utility reads itself (e.g. in a block whose meters are read by the field reader) takes no self-readings.
/// </summary>
public sealed record DemoMeterSite(Guid ContractId, LocalDate? ContractStart = null, LocalDate? ContractEnd = null, bool SelfRead = true);

/// <summary>
/// Deterministic demo data for hosts and benchmarks: for each contract one meter (a maker's serial such as
/// <c>ZR-2019-048213</c>, 5 integer digits, 3 decimals) installed two years before its last reading, and monthly field
/// readings up to that date (the end date, or the contract's end if earlier), with seasonal household use. The same ids,
/// date and seed give the same data. Send through a mediator resolved in a system caller's scope; the utility's today
/// must not be before the end date.
/// </summary>
public static class ReadingsDemoData
{
    /// <summary>Makers' prefixes of the serials (as printed on the meters' dials).</summary>
    private static readonly string[] Makers = ["ZR", "MD", "SN", "ITR", "BMT", "AP"];

    public static Task<DemoReadings> SeedAsync(IMediator mediator, IReadOnlyList<Guid> contractIds, LocalDate endDate, int seed = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contractIds);
        return SeedAsync(mediator, contractIds.Select(id => new DemoMeterSite(id)).ToList(), endDate, seed, cancellationToken);
    }

    public static async Task<DemoReadings> SeedAsync(IMediator mediator, IReadOnlyList<DemoMeterSite> sites, LocalDate endDate, int seed = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(sites);
        var csv = new StringBuilder("serial,date,index\n");
        var meterIds = new List<Guid>(sites.Count);
        var serials = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            // HashCode is randomized per process; a plain mix keeps the data the same across runs. The serial has its own
            // sequence, so the indexes stay what they were before serials looked real.
            var mix = BitConverter.ToInt32(site.ContractId.ToByteArray(), 0);
            var random = new Random(unchecked((seed * 397) ^ mix));
            var naming = new Random(unchecked((seed * 7919) ^ mix));
            var last = site.ContractEnd is { } end && end < endDate ? end : endDate;
            var installed = last.PlusMonths(-24).PlusDays(-3);
            if (site.ContractStart is { } start && installed < start)
            {
                installed = start;
            }

            string serial;
            do
            {
                serial = string.Create(CultureInfo.InvariantCulture,
                    $"{Makers[naming.Next(Makers.Length)]}-{installed.Year - naming.Next(0, 2)}-{naming.Next(1, 1_000_000):D6}");
            }
            while (!serials.Add(serial));

            var index = Math.Round((decimal)(random.NextDouble() * 500), 3);
            var registered = await mediator.Send(
                new RegisterMeter(serial, site.ContractId, 5, 3, installed, index, installed.PlusYears(8), SelfReadAllowed: site.SelfRead), cancellationToken);
            if (registered.IsFailure)
            {
                throw new InvalidOperationException($"Demo meter {serial} could not be registered: {registered}.");
            }

            meterIds.Add(registered.Value);
            var monthlyBase = 4 + (random.NextDouble() * 10);
            for (var month = 23; month >= 0; month--)
            {
                var date = last.PlusMonths(-month);
                var season = 1 + (0.25 * Math.Sin((date.Month - 4) * Math.PI / 6));
                index += Math.Round((decimal)(monthlyBase * season * (0.85 + (random.NextDouble() * 0.3))), 3);
                if (date > installed)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{serial},{date:yyyy-MM-dd},{index.ToString(CultureInfo.InvariantCulture)}\n");
                }
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
