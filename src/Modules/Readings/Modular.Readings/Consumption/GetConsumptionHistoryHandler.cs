using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.Consumption;

internal sealed class GetConsumptionHistoryValidator : AbstractValidator<GetConsumptionHistory>
{
    public GetConsumptionHistoryValidator() =>
        RuleFor(q => q).Must(q => q.From.CompareTo(q.To) <= 0 && q.From.PlusMonths(120).CompareTo(q.To) >= 0)
            .WithErrorCode(ReadingsErrors.PeriodRangeInvalid).OverridePropertyName("From");
}

/// <summary>A visible contract's consumption month by month.</summary>
internal sealed class GetConsumptionHistoryHandler(ReadingsDbContext db, IOptions<ReadingsOptions> options, IAccessScope access)
    : IRequestHandler<GetConsumptionHistory, Result<IReadOnlyList<ContractConsumption>>>
{
    public async Task<Result<IReadOnlyList<ContractConsumption>>> Handle(GetConsumptionHistory request, CancellationToken cancellationToken)
    {
        if (!(await access.GetAsync(cancellationToken)).CanSeeContract(request.ContractId))
        {
            return Error.Of(ReadingsErrors.ContractNotVisible, "ContractId");
        }

        var calculator = new ConsumptionCalculator(options.Value, new WindowCalendar(options.Value));
        var readings = (await AcceptedReadings.ByContractAsync(db, [request.ContractId], cancellationToken)).GetValueOrDefault(request.ContractId) ?? [];
        var answer = new List<ContractConsumption>();
        for (var period = request.From; period.CompareTo(request.To) <= 0; period = period.PlusMonths(1))
        {
            answer.Add(calculator.For(request.ContractId, period, readings));
        }

        return answer;
    }
}
