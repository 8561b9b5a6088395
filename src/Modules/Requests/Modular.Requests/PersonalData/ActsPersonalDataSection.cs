using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Core.PersonalData;
using Modular.Requests.Persistence;

namespace Modular.Requests.PersonalData;

/// <summary>The inspection acts of the linked customers' contracts and the readings they took, as CSV (the signed PDFs are downloadable in the portal).</summary>
internal sealed class ActsPersonalDataSection(RequestsDbContext db) : IPersonalDataSection
{
    public string Name => "acts";

    public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
    {
        var contracts = subject.ContractIds.ToList();
        var acts = db.Acts.AsNoTracking().Where(a => contracts.Contains(a.ContractId)).OrderBy(a => a.RegisteredOn).ThenBy(a => a.Number).AsAsyncEnumerable();
        await writer.WriteCsvAsync("acts", "Inspection acts of your contracts: number, contract, type, date, inspector, findings and whether a signed document is kept",
            ["act_id", "number", "contract_id", "contract_number", "service_address", "type", "registered_on", "inspector", "findings", "source", "has_document"],
            acts,
            a => [a.Id.ToString(), a.Number, a.ContractId.ToString(), a.ContractNumber, a.ServiceAddress, a.Type.ToString(), Date(a.RegisteredOn), a.Inspector,
                a.Findings, a.Source.ToString(), a.DocumentKey is null ? "no" : "yes"], cancellationToken);

        var readings = (from r in db.ActReadings.AsNoTracking()
                        join a in db.Acts.AsNoTracking() on r.ActId equals a.Id
                        where contracts.Contains(a.ContractId)
                        orderby a.Number, r.Serial
                        select new { a.Number, r.Serial, r.Date, r.Index, r.State, r.RefusalCode }).AsAsyncEnumerable();
        await writer.WriteCsvAsync("act_readings", "Meter readings taken during those inspections and whether they were recorded as readings",
            ["act_number", "serial", "reading_date", "index", "state", "refusal_code"], readings,
            r => [r.Number, r.Serial, Date(r.Date), r.Index.ToString(CultureInfo.InvariantCulture), r.State.ToString(), r.RefusalCode], cancellationToken);
    }

    private static string Date(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
