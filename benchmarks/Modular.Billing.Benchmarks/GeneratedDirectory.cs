using Autofac;
using MediatR;
using Modular.Accounts.Contracts;
using Modular.Core.Composition;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Billing.Benchmarks;

/// <summary>
/// Deterministic contracts and consumption, answered through the same Contracts queries billing uses in production:
/// contract i has id (i, 0, 0, ...) so ids sort by index; every 10th is estimated, every 20th regularizes, and every
/// 10,000th has no client code (reported and skipped).
/// </summary>
public sealed class GeneratedDirectory(int contracts)
{
    public int Count { get; } = contracts;

    public static Guid ContractId(int index) => new(index, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);

    public static Guid CustomerId(int index) => new(index, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0);

    public static int IndexOf(Guid contractId) => BitConverter.ToInt32(contractId.ToByteArray(), 0);

    public ContractSummary Contract(int index) => new(ContractId(index), $"C{index:D8}", CustomerId(index),
        index % 10_000 == 9_999 ? string.Empty : $"CL{index:D8}", $"Client {index} Ștefănescu", LegalType.Individual,
        $"Str. Lungă {index % 500}, Brașov", ConnectedServices.Water | ConnectedServices.Sewerage, new LocalDate(2015, 1, 1), null);

    public static ContractConsumption Consumption(Guid contractId, YearMonth period)
    {
        var index = IndexOf(contractId);
        var cubicMeters = (index % 20) + 0.5m;
        return index % 10 == 3
            ? new ContractConsumption(contractId, period, cubicMeters, ConsumptionQuality.Estimated, null, 0m, null)
            : new ContractConsumption(contractId, period, cubicMeters, ConsumptionQuality.Actual, period.OnDayOfMonth(25),
                index % 20 == 7 ? cubicMeters * 2 : cubicMeters, index % 20 == 7 ? period.PlusMonths(-2).OnDayOfMonth(25) : null);
    }

    public IReadOnlyList<ContractSummary> Page(Guid? after, int size)
    {
        var start = after is { } a ? IndexOf(a) + 1 : 0;
        var end = Math.Min(Count, start + size);
        var page = new List<ContractSummary>(Math.Max(0, end - start));
        for (var i = start; i < end; i++)
        {
            page.Add(Contract(i));
        }

        return page;
    }
}

public sealed class BenchAccounts(GeneratedDirectory directory) : ModularModule
{
    public override string Name => "Accounts";

    protected override void Register(ContainerBuilder builder) => builder.RegisterInstance(directory);
}

public sealed class BenchReadings : ModularModule
{
    public override string Name => "Readings";
}

internal sealed class ListContractsHandler(GeneratedDirectory directory) : IRequestHandler<ListContracts, Result<IReadOnlyList<ContractSummary>>>
{
    public Task<Result<IReadOnlyList<ContractSummary>>> Handle(ListContracts request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success(directory.Page(request.AfterContractId, request.PageSize)));
}

internal sealed class ConsumptionHandler : IRequestHandler<GetBillingConsumption, Result<IReadOnlyList<ContractConsumption>>>
{
    public Task<Result<IReadOnlyList<ContractConsumption>>> Handle(GetBillingConsumption request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<ContractConsumption>>(
            request.ContractIds.Select(id => GeneratedDirectory.Consumption(id, request.Period)).ToList()));
}

internal sealed class RecipientsHandler : IRequestHandler<GetInvoiceEmailRecipients, Result<IReadOnlyList<InvoiceEmailRecipient>>>
{
    public Task<Result<IReadOnlyList<InvoiceEmailRecipient>>> Handle(GetInvoiceEmailRecipients request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<InvoiceEmailRecipient>>([]));
}
