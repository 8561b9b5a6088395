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

/// <summary>The meters of the caller's contracts with the previous accepted index and the window state.</summary>
internal sealed class GetMyMetersHandler(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options, IAccessScope access)
    : IRequestHandler<GetMyMeters, Result<IReadOnlyList<MeterView>>>
{
    public async Task<Result<IReadOnlyList<MeterView>>> Handle(GetMyMeters request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (scope.All)
        {
            return Error.Of(ReadingsErrors.MeterOrContractRequired);
        }

        var contracts = scope.ContractIds.ToList();
        return Result.Success(await MeterViews.ViewsAsync(db, clock, options.Value, db.Meters.Where(m => contracts.Contains(m.ContractId)), cancellationToken));
    }
}
