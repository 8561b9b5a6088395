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
using NodaTime;

namespace Modular.Readings.Consumption;

internal sealed class GetConsumptionHistoryValidator : AbstractValidator<GetConsumptionHistory>
{
    public GetConsumptionHistoryValidator() =>
        RuleFor(q => q).Must(q => q.From.CompareTo(q.To) <= 0 && q.From.PlusMonths(120).CompareTo(q.To) >= 0)
            .WithErrorCode(ReadingErrors.PeriodRangeInvalid).OverridePropertyName("From");
}

internal sealed class GetExpectedConsumptionValidator : AbstractValidator<GetExpectedConsumption>
{
    public GetExpectedConsumptionValidator() => RuleFor(q => q.Days).InclusiveBetween(1, 3660).WithErrorCode(ReadingErrors.DaysInvalid);
}

internal sealed class ConsumptionQueries(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options, IAccessScope access)
    : IRequestHandler<GetBillingConsumption, Result<IReadOnlyList<ContractConsumption>>>,
      IRequestHandler<GetConsumptionHistory, Result<IReadOnlyList<ContractConsumption>>>,
      IRequestHandler<GetExpectedConsumption, Result<ExpectedConsumption>>
{
    private const int Chunk = 500;

    private ConsumptionCalculator Calculator => new(options.Value, new WindowCalendar(options.Value));

    public async Task<Result<IReadOnlyList<ContractConsumption>>> Handle(GetBillingConsumption request, CancellationToken cancellationToken)
    {
        var calculator = Calculator;
        var answer = new List<ContractConsumption>(request.ContractIds.Count);
        foreach (var chunk in request.ContractIds.Distinct().Chunk(Chunk))
        {
            var byContract = await AcceptedByContractAsync(chunk, cancellationToken);
            answer.AddRange(chunk.Select(id => calculator.For(id, request.Period, byContract.GetValueOrDefault(id) ?? [])));
        }

        return answer;
    }

    public async Task<Result<IReadOnlyList<ContractConsumption>>> Handle(GetConsumptionHistory request, CancellationToken cancellationToken)
    {
        if (!(await access.GetAsync(cancellationToken)).CanSeeContract(request.ContractId))
        {
            return Error.Of(ReadingErrors.ContractNotVisible, "ContractId");
        }

        var calculator = Calculator;
        var readings = (await AcceptedByContractAsync([request.ContractId], cancellationToken)).GetValueOrDefault(request.ContractId) ?? [];
        var answer = new List<ContractConsumption>();
        for (var period = request.From; period.CompareTo(request.To) <= 0; period = period.PlusMonths(1))
        {
            answer.Add(calculator.For(request.ContractId, period, readings));
        }

        return answer;
    }

    public async Task<Result<ExpectedConsumption>> Handle(GetExpectedConsumption request, CancellationToken cancellationToken)
    {
        var meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeterId, cancellationToken);
        if (meter is null || !(await access.GetAsync(cancellationToken)).CanSeeContract(meter.ContractId))
        {
            return Error.Of(ReadingErrors.MeterNotFound, "MeterId");
        }

        var accepted = ReadingStatus.Accepted;
        var readings = await db.Readings.AsNoTracking().Where(r => r.MeterId == meter.Id && r.Status == accepted).ToListAsync(cancellationToken);
        var use = UsageHistory.Average(readings, clock.Today, options.Value.HistoryMonths);
        return new ExpectedConsumption(meter.Id, decimal.Round(use.AverageDaily, 6), decimal.Round(use.AverageDaily * request.Days, 3), use.Days);
    }

    private async Task<Dictionary<Guid, List<Reading>>> AcceptedByContractAsync(IReadOnlyCollection<Guid> contractIds, CancellationToken cancellationToken)
    {
        var ids = contractIds.ToList();
        var accepted = ReadingStatus.Accepted;
        // One array parameter (json_each on SQLite, = ANY on PostgreSQL) rather than hundreds of single ones.
        var readings = await db.Readings.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.ContractId) && r.Status == accepted).ToListAsync(cancellationToken);
        return readings.GroupBy(r => r.ContractId).ToDictionary(g => g.Key, g => g.ToList());
    }
}
