using System.Globalization;
using CsvHelper;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.History;

/// <summary>Readings of a meter or a contract, newest first, all statuses (history is kept), for the caller's contracts only.</summary>
internal sealed class ReadingHistoryQueries(ReadingsDbContext db, IAccessScope access)
    : IRequestHandler<GetReadingHistory, Result<IReadOnlyList<ReadingView>>>,
      IRequestHandler<ExportReadingHistory, Result<CsvExport>>
{
    public async Task<Result<IReadOnlyList<ReadingView>>> Handle(GetReadingHistory request, CancellationToken cancellationToken)
    {
        var result = await LoadAsync(request.MeterId, request.ContractId, request.From, request.To, cancellationToken);
        return result;
    }

    public async Task<Result<CsvExport>> Handle(ExportReadingHistory request, CancellationToken cancellationToken)
    {
        var result = await LoadAsync(request.MeterId, request.ContractId, request.From, request.To, cancellationToken);
        if (result.IsFailure)
        {
            return Result<CsvExport>.From(result);
        }

        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            foreach (var header in new[] { "serial", "period", "date", "index", "consumption", "rollover", "source", "quality", "status" })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var r in result.Value)
            {
                csv.WriteField(r.Serial);
                csv.WriteField(r.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture));
                csv.WriteField(r.ReadingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(r.Index.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.Consumption.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.Rollover ? "yes" : "no");
                csv.WriteField(r.Source.ToString());
                csv.WriteField(r.Quality.ToString());
                csv.WriteField(r.Status.ToString());
                csv.EndRecord();
            }
        }

        var name = $"readings-{(request.MeterId ?? request.ContractId)!.Value:N}.csv";
        return new CsvExport(name, text.ToString());
    }

    private async Task<Result<IReadOnlyList<ReadingView>>> LoadAsync(Guid? meterId, Guid? contractId, NodaTime.LocalDate? from,
        NodaTime.LocalDate? to, CancellationToken cancellationToken)
    {
        if (meterId is null == contractId is null)
        {
            return Error.Of(ReadingErrors.MeterOrContractRequired);
        }

        var scope = await access.GetAsync(cancellationToken);
        var meters = await db.Meters.AsNoTracking()
            .Where(m => meterId != null ? m.Id == meterId : m.ContractId == contractId)
            .ToListAsync(cancellationToken);
        if ((meters.Count == 0 && meterId is not null) || meters.Any(m => !scope.CanSeeContract(m.ContractId)))
        {
            return Error.Of(ReadingErrors.MeterNotFound, "MeterId");
        }

        if (contractId is { } contract && !scope.CanSeeContract(contract))
        {
            return Error.Of(ReadingErrors.ContractNotVisible, "ContractId");
        }

        var ids = meters.Select(m => m.Id).ToList();
        var serials = meters.ToDictionary(m => m.Id, m => m.Serial);
        var readings = await db.Readings.AsNoTracking().Where(r => ids.Contains(r.MeterId)).ToListAsync(cancellationToken);
        return readings
            .Where(r => (from is null || r.ReadingDate >= from) && (to is null || r.ReadingDate <= to))
            .OrderByDescending(r => r.ReadingDate).ThenByDescending(r => r.SubmittedAt)
            .Select(r => new ReadingView(r.Id, r.MeterId, serials[r.MeterId], r.ContractId, Periods.ToYearMonth(r.Period), r.ReadingDate, r.Index,
                r.Consumption, r.Rollover, r.Source, r.Quality, r.Status, r.SubmittedAt, r.SubmittedBy))
            .ToList();
    }
}
