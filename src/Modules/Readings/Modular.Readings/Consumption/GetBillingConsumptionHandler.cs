using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.Consumption;

/// <summary>Consumption per contract for a billing period, in chunks of contracts.</summary>
internal sealed class GetBillingConsumptionHandler(ReadingsDbContext db, IOptions<ReadingsOptions> options)
    : IRequestHandler<GetBillingConsumption, Result<IReadOnlyList<ContractConsumption>>>
{
    private const int Chunk = 500;

    public async Task<Result<IReadOnlyList<ContractConsumption>>> Handle(GetBillingConsumption request, CancellationToken cancellationToken)
    {
        var calculator = new ConsumptionCalculator(options.Value, new WindowCalendar(options.Value));
        var answer = new List<ContractConsumption>(request.ContractIds.Count);
        foreach (var chunk in request.ContractIds.Distinct().Chunk(Chunk))
        {
            var byContract = await AcceptedReadings.ByContractAsync(db, chunk, cancellationToken);
            answer.AddRange(chunk.Select(id => calculator.For(id, request.Period, byContract.GetValueOrDefault(id) ?? [])));
        }

        return answer;
    }
}
