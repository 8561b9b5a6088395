using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using NodaTime;

namespace Modular.Readings.Meters;

/// <summary>Meter views with the previous accepted index and the window state, filtered by the caller's access scope.</summary>
internal sealed class MeterQueries(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options, IAccessScope access)
    : IRequestHandler<GetMetersForContract, Result<IReadOnlyList<MeterView>>>,
      IRequestHandler<GetMyMeters, Result<IReadOnlyList<MeterView>>>,
      IRequestHandler<GetReadingWindow, Result<ReadingWindowState>>
{
    public async Task<Result<IReadOnlyList<MeterView>>> Handle(GetMetersForContract request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (!scope.CanSeeContract(request.ContractId))
        {
            return Error.Of(ReadingErrors.ContractNotVisible, "ContractId");
        }

        return Result.Success(await ViewsAsync(db.Meters.Where(m => m.ContractId == request.ContractId), cancellationToken));
    }

    public async Task<Result<IReadOnlyList<MeterView>>> Handle(GetMyMeters request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (scope.All)
        {
            return Error.Of(ReadingErrors.MeterOrContractRequired);
        }

        var contracts = scope.ContractIds.ToList();
        return Result.Success(await ViewsAsync(db.Meters.Where(m => contracts.Contains(m.ContractId)), cancellationToken));
    }

    public async Task<Result<ReadingWindowState>> Handle(GetReadingWindow request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeterId, cancellationToken);
        if (meter is null || !scope.CanSeeContract(meter.ContractId))
        {
            return Error.Of(ReadingErrors.MeterNotFound, "MeterId");
        }

        var ends = await ContractEndsAsync([meter.ContractId], cancellationToken);
        return WindowState(meter, ends.GetValueOrDefault(meter.ContractId));
    }

    /// <summary>End dates of the contracts that have one (Readings' copy of Accounts' contract dates).</summary>
    private async Task<Dictionary<Guid, LocalDate?>> ContractEndsAsync(List<Guid> contractIds, CancellationToken cancellationToken) =>
        await db.ContractTerms.AsNoTracking().Where(t => contractIds.Contains(t.ContractId) && t.EndDate != null)
            .ToDictionaryAsync(t => t.ContractId, t => t.EndDate, cancellationToken);

    /// <summary>The window as the customer sees it; a meter whose contract has ended cannot take a reading.</summary>
    private ReadingWindowState WindowState(Meter meter, LocalDate? contractEndsOn)
    {
        var calendar = new WindowCalendar(options.Value);
        var today = clock.Today;
        var open = calendar.OpenOn(today);
        var shown = open ?? calendar.NextAfter(today);
        var next = calendar.NextAfter(today);
        return new ReadingWindowState(open is not null, shown.Period, shown.OpensOn, shown.ClosesOn, next.OpensOn, meter.SelfReadAllowed,
            open is not null && meter.SelfReadAllowed && !(today > contractEndsOn));
    }

    private async Task<IReadOnlyList<MeterView>> ViewsAsync(IQueryable<Meter> meters, CancellationToken cancellationToken)
    {
        var list = await meters.AsNoTracking().ToListAsync(cancellationToken);
        var ids = list.Select(m => m.Id).ToList();
        var accepted = ReadingStatus.Accepted;
        var readings = await db.Readings.AsNoTracking().Where(r => ids.Contains(r.MeterId) && r.Status == accepted).ToListAsync(cancellationToken);
        var ends = await ContractEndsAsync(list.Select(m => m.ContractId).Distinct().ToList(), cancellationToken);
        var latest = readings.GroupBy(r => r.MeterId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.ReadingDate).ThenBy(r => r.SubmittedAt).Last());
        return list.OrderBy(m => m.RemovedOn is not null).ThenBy(m => m.Serial, StringComparer.Ordinal)
            .Select(m =>
            {
                var last = latest.GetValueOrDefault(m.Id);
                return new MeterView(m.Id, m.Serial, m.ContractId, m.IntegerDigits, m.DecimalPlaces, m.InstalledOn, m.InitialIndex, m.RemovedOn,
                    m.FinalIndex, m.VerificationDue, m.SelfReadAllowed, last?.Index, last?.ReadingDate, WindowState(m, ends.GetValueOrDefault(m.ContractId)));
            })
            .ToList();
    }
}
