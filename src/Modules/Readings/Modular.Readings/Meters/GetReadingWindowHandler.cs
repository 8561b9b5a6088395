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

/// <summary>The reading window of a visible meter.</summary>
internal sealed class GetReadingWindowHandler(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options, IAccessScope access)
    : IRequestHandler<GetReadingWindow, Result<ReadingWindowState>>
{
    public async Task<Result<ReadingWindowState>> Handle(GetReadingWindow request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeterId, cancellationToken);
        if (meter is null || !scope.CanSeeContract(meter.ContractId))
        {
            return Error.Of(ReadingsErrors.MeterNotFound, "MeterId");
        }

        var ends = await MeterViews.ContractEndsAsync(db, [meter.ContractId], cancellationToken);
        return MeterViews.WindowState(clock, options.Value, meter, ends.GetValueOrDefault(meter.ContractId));
    }
}
