using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Documents;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.History;

/// <summary>The same history as CSV.</summary>
internal sealed class ExportReadingHistoryHandler(ReadingsDbContext db, IAccessScope access) : IRequestHandler<ExportReadingHistory, Result<CsvExport>>
{
    public async Task<Result<CsvExport>> Handle(ExportReadingHistory request, CancellationToken cancellationToken)
    {
        var result = await ReadingHistoryReader.LoadAsync(db, access, request.MeterId, request.ContractId, request.From, request.To, null, cancellationToken);
        if (result.IsFailure)
        {
            return Result<CsvExport>.From(result);
        }

        var text = CsvFiles.Write(result.Value, ["serial", "period", "date", "index", "consumption", "rollover", "source", "quality", "status"], (csv, r) =>
        {
            csv.WriteField(r.Serial);
            csv.WriteField(r.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            csv.WriteField(r.ReadingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(r.Index.ToString(CultureInfo.InvariantCulture));
            // A number, never escaped as a formula even when negative (a correction).
            csv.WriteField(r.Consumption);
            csv.WriteField(r.Rollover ? "yes" : "no");
            csv.WriteField(r.Source.ToString());
            csv.WriteField(r.Quality.ToString());
            csv.WriteField(r.Status.ToString());
        });

        var name = $"readings-{(request.MeterId ?? request.ContractId)!.Value:N}.csv";
        return new CsvExport(name, text);
    }
}
