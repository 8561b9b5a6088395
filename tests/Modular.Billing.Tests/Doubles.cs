using System.Collections.Concurrent;
using Autofac;
using MediatR;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Billing.Tests;

/// <summary>What the Accounts and Readings doubles answer: set up by each test.</summary>
public sealed class BillingWorld
{
    private int _pagesServed;

    public ConcurrentDictionary<Guid, ContractSummary> Contracts { get; } = new();

    public ConcurrentDictionary<(Guid Contract, YearMonth Period), ContractConsumption> Consumption { get; } = new();

    public ConcurrentDictionary<Guid, List<InvoiceEmailRecipient>> Recipients { get; } = new();

    /// <summary>Portal users and the customers they may see.</summary>
    public ConcurrentDictionary<Guid, Guid> UserCustomers { get; } = new();

    /// <summary>When set, ListContracts throws after serving this many pages (a crash in the middle of a run).</summary>
    public int? CrashAfterPages { get; set; }

    /// <summary>When set, the Readings double answers GetBillingConsumption with a failure.</summary>
    public bool ConsumptionFails { get; set; }

    public ContractSummary AddContract(string? clientCode = null, ConnectedServices services = ConnectedServices.Water | ConnectedServices.Sewerage,
        Guid? customerId = null, LocalDate? start = null, LocalDate? end = null, string name = "Ștefan Țăranu")
    {
        var id = Guid.NewGuid();
        var contract = new ContractSummary(id, "C-" + id.ToString("N")[..6], customerId ?? Guid.NewGuid(), clientCode ?? "CL" + id.ToString("N")[..8],
            name, LegalType.Individual, "Str. Mihai Viteazu 1, Brașov", services, start ?? new LocalDate(2020, 1, 1), end);
        Contracts[id] = contract;
        return contract;
    }

    public void SetConsumption(ContractSummary contract, YearMonth period, decimal cubicMeters, ConsumptionQuality quality = ConsumptionQuality.Actual,
        decimal? sincePreviousActual = null, LocalDate? previousActualDate = null) =>
        Consumption[(contract.ContractId, period)] = new ContractConsumption(contract.ContractId, period, cubicMeters, quality,
            quality == ConsumptionQuality.Actual ? period.OnDayOfMonth(28) : null, sincePreviousActual ?? cubicMeters, previousActualDate);

    internal IReadOnlyList<ContractSummary> Page(Guid? after, int size)
    {
        if (CrashAfterPages is { } crash && Interlocked.Increment(ref _pagesServed) > crash)
        {
            throw new InvalidOperationException("The billing host crashed (simulated).");
        }

        return Contracts.Values.OrderBy(c => c.ContractId).Where(c => after is null || c.ContractId.CompareTo(after.Value) > 0).Take(size).ToList();
    }
}

/// <summary>Stands in for the Accounts module: answers its Contracts' queries from <see cref="BillingWorld"/>.</summary>
public sealed class AccountsDouble(BillingWorld world) : ModularModule
{
    public override string Name => "Accounts";

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterInstance(world);
        builder.RegisterType<WorldScopeProvider>().As<IAccessScopeProvider>();
    }
}

/// <summary>Stands in for the Readings module (its handlers live with the Accounts double's, in this assembly).</summary>
public sealed class ReadingsDouble : ModularModule
{
    public override string Name => "Readings";
}

internal sealed class WorldScopeProvider(BillingWorld world) : IAccessScopeProvider
{
    public Task<AccessScope> GetScopeAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(world.UserCustomers.TryGetValue(userId, out var customer)
            ? new AccessScope(false, new HashSet<Guid> { customer }, new HashSet<Guid>())
            : AccessScope.Nothing);

    public Task<AccessScope> GetCustomerScopeAsync(Guid customerId, CancellationToken cancellationToken) =>
        Task.FromResult(new AccessScope(false, new HashSet<Guid> { customerId }, new HashSet<Guid>()));
}

internal sealed class ListContractsHandler(BillingWorld world) : IRequestHandler<ListContracts, Result<IReadOnlyList<ContractSummary>>>
{
    public Task<Result<IReadOnlyList<ContractSummary>>> Handle(ListContracts request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success(world.Page(request.AfterContractId, request.PageSize)));
}

internal sealed class FindCustomerHandler(BillingWorld world) : IRequestHandler<FindCustomerByClientCode, Result<CustomerSummary>>
{
    public Task<Result<CustomerSummary>> Handle(FindCustomerByClientCode request, CancellationToken cancellationToken)
    {
        var contract = world.Contracts.Values.FirstOrDefault(c => c.ClientCode == request.ClientCode);
        return Task.FromResult(contract is null
            ? Result<CustomerSummary>.Failure(CoreErrors.NotFound)
            : Result.Success(new CustomerSummary(contract.CustomerId, contract.ClientCode, contract.CustomerName, contract.LegalType)));
    }
}

internal sealed class RecipientsHandler(BillingWorld world) : IRequestHandler<GetInvoiceEmailRecipients, Result<IReadOnlyList<InvoiceEmailRecipient>>>
{
    public Task<Result<IReadOnlyList<InvoiceEmailRecipient>>> Handle(GetInvoiceEmailRecipients request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<InvoiceEmailRecipient>>(world.Recipients.TryGetValue(request.CustomerId, out var r) ? r : []));
}

internal sealed class ConsumptionHandler(BillingWorld world) : IRequestHandler<GetBillingConsumption, Result<IReadOnlyList<ContractConsumption>>>
{
    public Task<Result<IReadOnlyList<ContractConsumption>>> Handle(GetBillingConsumption request, CancellationToken cancellationToken) =>
        world.ConsumptionFails ? Task.FromResult(Result<IReadOnlyList<ContractConsumption>>.Failure("readings.unavailable")) : Task.FromResult(Result.Success<IReadOnlyList<ContractConsumption>>(request.ContractIds
            .Select(id => world.Consumption.TryGetValue((id, request.Period), out var c) ? c : null).OfType<ContractConsumption>().ToList()));
}
