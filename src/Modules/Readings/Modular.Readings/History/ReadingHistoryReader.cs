using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.History;

/// <summary>Readings of a meter or a contract, newest first, all statuses (history is kept), for the caller's contracts only.</summary>
internal static class ReadingHistoryReader
{
    public static async Task<Result<IReadOnlyList<ReadingView>>> LoadAsync(ReadingsDbContext db, IAccessScope access, Guid? meterId, Guid? contractId, NodaTime.LocalDate? from,
        NodaTime.LocalDate? to, ReadingStatus? status, CancellationToken cancellationToken)
    {
        if (meterId is null == contractId is null)
        {
            return Error.Of(ReadingsErrors.MeterOrContractRequired);
        }

        var scope = await access.GetAsync(cancellationToken);
        var meters = await db.Meters.AsNoTracking()
            .Where(m => meterId != null ? m.Id == meterId : m.ContractId == contractId)
            .ToListAsync(cancellationToken);
        if ((meters.Count == 0 && meterId is not null) || meters.Any(m => !scope.CanSeeContract(m.ContractId)))
        {
            return Error.Of(ReadingsErrors.MeterNotFound, "MeterId");
        }

        if (contractId is { } contract && !scope.CanSeeContract(contract))
        {
            return Error.Of(ReadingsErrors.ContractNotVisible, "ContractId");
        }

        var ids = meters.Select(m => m.Id).ToList();
        var serials = meters.ToDictionary(m => m.Id, m => m.Serial);
        // The range and the status are applied by the database: a meter's history only grows (superseded revisions stay).
        var query = db.Readings.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.MeterId));
        if (from is { } first)
        {
            query = query.Where(r => r.ReadingDate >= first);
        }

        if (to is { } last)
        {
            query = query.Where(r => r.ReadingDate <= last);
        }

        if (status is { } only)
        {
            query = query.Where(r => r.Status == only);
        }

        var readings = await query.ToListAsync(cancellationToken);
        return readings
            .OrderByDescending(r => r.ReadingDate).ThenByDescending(r => r.SubmittedAt)
            .Select(r => new ReadingView(r.Id, r.MeterId, serials[r.MeterId], r.ContractId, Periods.ToYearMonth(r.Period), r.ReadingDate, r.Index,
                r.Consumption, r.Rollover, r.Source, r.Quality, r.Status, r.SubmittedAt, r.SubmittedBy))
            .ToList();
    }
}
