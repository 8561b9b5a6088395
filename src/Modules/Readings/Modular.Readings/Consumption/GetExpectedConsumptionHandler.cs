using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.Consumption;

internal sealed class GetExpectedConsumptionValidator : AbstractValidator<GetExpectedConsumption>
{
    public GetExpectedConsumptionValidator() => RuleFor(q => q.Days).InclusiveBetween(1, 3660).WithErrorCode(ReadingsErrors.DaysInvalid);
}

/// <summary>A visible meter's expected consumption over some days, from its average daily use.</summary>
internal sealed class GetExpectedConsumptionHandler(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options, IAccessScope access)
    : IRequestHandler<GetExpectedConsumption, Result<ExpectedConsumption>>
{
    public async Task<Result<ExpectedConsumption>> Handle(GetExpectedConsumption request, CancellationToken cancellationToken)
    {
        var meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeterId, cancellationToken);
        if (meter is null || !(await access.GetAsync(cancellationToken)).CanSeeContract(meter.ContractId))
        {
            return Error.Of(ReadingsErrors.MeterNotFound, "MeterId");
        }

        var accepted = ReadingStatus.Accepted;
        var readings = await db.Readings.AsNoTracking().Where(r => r.MeterId == meter.Id && r.Status == accepted).ToListAsync(cancellationToken);
        var use = UsageHistory.Average(readings, clock.Today, options.Value.HistoryMonths);
        return new ExpectedConsumption(meter.Id, decimal.Round(use.AverageDaily, 6), decimal.Round(use.AverageDaily * request.Days, 3), use.Days);
    }
}
