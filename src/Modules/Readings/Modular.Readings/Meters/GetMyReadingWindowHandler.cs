using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Persistence;

namespace Modular.Readings.Meters;

/// <summary>
/// The window of the caller's first self-read meter in service: the dashboard's card and alert need the state, not the
/// meters' readings, so no reading is read (<see cref="GetMyMetersHandler"/> reads two per meter).
/// </summary>
internal sealed class GetMyReadingWindowHandler(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options, IAccessScope access)
    : IRequestHandler<GetMyReadingWindow, Result<ReadingWindowState>>
{
    public async Task<Result<ReadingWindowState>> Handle(GetMyReadingWindow request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (scope.All)
        {
            return Error.Of(ReadingsErrors.MeterOrContractRequired);
        }

        var contracts = scope.ContractIds.ToList();
        var meter = (await db.Meters.AsNoTracking()
                .Where(m => EF.Parameter(contracts).Contains(m.ContractId) && m.RemovedOn == null && m.SelfReadAllowed)
                .ToListAsync(cancellationToken))
            .OrderBy(m => m.Serial, StringComparer.Ordinal)
            .FirstOrDefault();
        if (meter is null)
        {
            return Error.Of(ReadingsErrors.MeterNotFound);
        }

        var ends = await MeterViews.ContractEndsAsync(db, [meter.ContractId], cancellationToken);
        return MeterViews.WindowState(clock, options.Value, meter, ends.GetValueOrDefault(meter.ContractId));
    }
}
