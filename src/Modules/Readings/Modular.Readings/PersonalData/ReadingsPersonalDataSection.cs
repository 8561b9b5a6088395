using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Core.PersonalData;
using Modular.Readings.Persistence;

namespace Modular.Readings.PersonalData;

/// <summary>Readings' section of a portal user's archive: the meters of the linked customers' contracts and every reading of them, as CSV.</summary>
internal sealed class ReadingsPersonalDataSection(ReadingsDbContext db) : IPersonalDataSection
{
    public string Name => "readings";

    public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
    {
        var contracts = subject.ContractIds.ToList();
        var meters = db.Meters.AsNoTracking().Where(m => contracts.Contains(m.ContractId)).OrderBy(m => m.ContractId).ThenBy(m => m.InstalledOn)
            .AsAsyncEnumerable();
        await writer.WriteCsvAsync("meters", "The meters of your contracts: serial, installed and removed, first and last index, next verification",
            ["meter_id", "contract_id", "serial", "installed_on", "initial_index", "removed_on", "final_index", "verification_due", "self_read_allowed"], meters,
            m => [m.Id.ToString(), m.ContractId.ToString(), m.Serial, Date(m.InstalledOn), Number(m.InitialIndex), Date(m.RemovedOn), Number(m.FinalIndex),
                Date(m.VerificationDue), m.SelfReadAllowed ? "yes" : "no"], cancellationToken);

        // Streamed row by row: a meter's whole history never sits in memory at once.
        var readings = db.Readings.AsNoTracking().Where(r => contracts.Contains(r.ContractId)).OrderBy(r => r.MeterId).ThenBy(r => r.ReadingDate)
            .ThenBy(r => r.SubmittedAt).AsAsyncEnumerable();
        await writer.WriteCsvAsync("readings", "Every reading of those meters: date, index, consumption, who gave it (source) and its status",
            ["reading_id", "meter_id", "contract_id", "period", "reading_date", "index", "consumption", "rollover", "source", "quality", "status", "submitted_at"],
            readings,
            r => [r.Id.ToString(), r.MeterId.ToString(), r.ContractId.ToString(), r.PeriodMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                Date(r.ReadingDate), Number(r.Index), Number(r.Consumption), r.Rollover ? "yes" : "no", r.Source.ToString(), r.Quality.ToString(),
                r.Status.ToString(), r.SubmittedAt.ToString(null, CultureInfo.InvariantCulture)], cancellationToken);
    }

    private static string? Date(NodaTime.LocalDate? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
