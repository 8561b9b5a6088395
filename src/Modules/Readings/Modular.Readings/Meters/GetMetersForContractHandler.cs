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

/// <summary>A visible contract's meters with the previous accepted index and the window state.</summary>
internal sealed class GetMetersForContractHandler(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options, IAccessScope access)
    : IRequestHandler<GetMetersForContract, Result<IReadOnlyList<MeterView>>>
{
    public async Task<Result<IReadOnlyList<MeterView>>> Handle(GetMetersForContract request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (!scope.CanSeeContract(request.ContractId))
        {
            return Error.Of(ReadingsErrors.ContractNotVisible, "ContractId");
        }

        return Result.Success(await MeterViews.ViewsAsync(db, clock, options.Value, db.Meters.Where(m => m.ContractId == request.ContractId), cancellationToken));
    }
}

/// <summary>The meters of many contracts in three queries (meters, contract ends, the two latest readings of each).</summary>
internal sealed class GetMetersForContractsHandler(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options)
    : IRequestHandler<GetMetersForContracts, Result<IReadOnlyList<MeterView>>>
{
    public const int MaxContracts = 5_000;

    public async Task<Result<IReadOnlyList<MeterView>>> Handle(GetMetersForContracts request, CancellationToken cancellationToken)
    {
        if (request.ContractIds.Count > MaxContracts)
        {
            return Error.Of(CoreErrors.Invalid, "ContractIds");
        }

        var ids = request.ContractIds.Distinct().ToList();
        return Result.Success(await MeterViews.ViewsAsync(db, clock, options.Value, db.Meters.Where(m => EF.Parameter(ids).Contains(m.ContractId)), cancellationToken));
    }
}
