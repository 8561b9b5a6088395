using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Persistence;

namespace Modular.Readings.Meters;

/// <summary>A visible meter with the previous accepted index and the window state (the back office's meter page).</summary>
internal sealed class GetMeterHandler(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options, IAccessScope access)
    : IRequestHandler<GetMeter, Result<MeterView>>
{
    public async Task<Result<MeterView>> Handle(GetMeter request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var contractId = await db.Meters.Where(m => m.Id == request.MeterId).Select(m => (Guid?)m.ContractId).SingleOrDefaultAsync(cancellationToken);
        if (contractId is not { } contract || !scope.CanSeeContract(contract))
        {
            return Error.Of(ReadingsErrors.MeterNotFound, "MeterId");
        }

        var views = await MeterViews.ViewsAsync(db, clock, options.Value, db.Meters.Where(m => m.Id == request.MeterId), cancellationToken);
        return views[0];
    }
}
