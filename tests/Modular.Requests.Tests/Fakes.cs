using System.Collections.Concurrent;
using Autofac;
using MediatR;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Requests.Tests;

/// <summary>In-memory customers, contracts, meters, invoices and portal users that the Accounts, Readings and Billing doubles answer from.</summary>
public sealed class FakeWorld : IAccessScopeProvider
{
    public ConcurrentDictionary<Guid, ContractSummary> Contracts { get; } = new();

    public ConcurrentDictionary<Guid, Guid> MeterContracts { get; } = new();

    public ConcurrentDictionary<Guid, InvoiceSummary> Invoices { get; } = new();

    public ConcurrentDictionary<Guid, HashSet<Guid>> UserCustomers { get; } = new();

    public ConcurrentBag<StaffMemberView> Staff { get; } = [];

    /// <summary>A customer with one contract and one meter on it.</summary>
    public Customer AddCustomer()
    {
        var customerId = Guid.NewGuid();
        var contract = new ContractSummary(Guid.NewGuid(), "C-" + Random.Shared.Next(100000, 999999), customerId, "1" + Random.Shared.Next(10000, 99999),
            "Ion Popescu", LegalType.Individual, "Str. Gării 5, Giurgiu", ConnectedServices.Water, new LocalDate(2020, 1, 1), null);
        Contracts[contract.ContractId] = contract;
        var meterId = Guid.NewGuid();
        MeterContracts[meterId] = contract.ContractId;
        return new Customer(customerId, contract.ContractId, meterId);
    }

    public Guid AddInvoice(Guid customerId, LocalDate issued)
    {
        var ron = Currency.Ron;
        var contract = Contracts.Values.First(c => c.CustomerId == customerId);
        var invoice = new InvoiceSummary(Guid.NewGuid(), "GR" + Random.Shared.Next(100000, 999999), customerId, contract.ContractId, contract.ClientCode,
            new YearMonth(issued.Year, issued.Month), issued, issued.PlusDays(20), issued.PlusDays(30), new Money(100m, ron), Money.Zero(ron),
            new Money(100m, ron), InvoiceStatus.Issued, false);
        Invoices[invoice.InvoiceId] = invoice;
        return invoice.InvoiceId;
    }

    public Caller UserOf(params Guid[] customerIds)
    {
        var user = Caller.Customer(Guid.NewGuid(), culture: "ro");
        UserCustomers[user.UserId!.Value] = [.. customerIds];
        return user;
    }

    public Task<AccessScope> GetScopeAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult(UserCustomers.TryGetValue(userId, out var customers)
        ? ScopeOf(customers)
        : AccessScope.Nothing);

    public Task<AccessScope> GetCustomerScopeAsync(Guid customerId, CancellationToken cancellationToken) => Task.FromResult(ScopeOf([customerId]));

    private AccessScope ScopeOf(HashSet<Guid> customers) =>
        new(false, customers, Contracts.Values.Where(c => customers.Contains(c.CustomerId)).Select(c => c.ContractId).ToHashSet());
}

public sealed record Customer(Guid CustomerId, Guid ContractId, Guid MeterId);

/// <summary>Stands in for Accounts, and registers the doubles' handlers (the other stand-ins register nothing).</summary>
public sealed class FakeAccountsModule(FakeWorld world) : ModularModule
{
    public override string Name => "Accounts";

    protected override bool Includes(Type type) => type == typeof(FakeHandlers);

    protected override void Register(ContainerBuilder builder) => builder.RegisterInstance(world).As<FakeWorld>().As<IAccessScopeProvider>();
}

public sealed class FakeReadingsModule : ModularModule
{
    public override string Name => "Readings";

    protected override bool Includes(Type type) => false;
}

public sealed class FakeBillingModule : ModularModule
{
    public override string Name => "Billing";

    protected override bool Includes(Type type) => false;
}

/// <summary>The Accounts, Readings and Billing queries Requests sends, answered within the caller's scope like the real ones.</summary>
internal sealed class FakeHandlers(FakeWorld world, IAccessScope access) :
    IRequestHandler<GetContract, Result<ContractSummary>>,
    IRequestHandler<GetMeter, Result<MeterView>>,
    IRequestHandler<GetInvoicesByIds, Result<IReadOnlyList<InvoiceSummary>>>,
    IRequestHandler<ListContracts, Result<IReadOnlyList<ContractSummary>>>,
    IRequestHandler<ListStaffMembers, Result<IReadOnlyList<StaffMemberView>>>
{
    public Task<Result<IReadOnlyList<StaffMemberView>>> Handle(ListStaffMembers request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<StaffMemberView>>>(world.Staff.ToList());

    public async Task<Result<ContractSummary>> Handle(GetContract request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        return world.Contracts.TryGetValue(request.ContractId, out var contract) && scope.CanSeeContract(contract.ContractId)
            ? contract
            : Result<ContractSummary>.Failure(CoreErrors.NotFound);
    }

    public async Task<Result<MeterView>> Handle(GetMeter request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (!world.MeterContracts.TryGetValue(request.MeterId, out var contractId) || !scope.CanSeeContract(contractId))
        {
            return Result<MeterView>.Failure("readings.meter_not_found");
        }

        var window = new ReadingWindowState(false, new YearMonth(2026, 11), new LocalDate(2026, 11, 25), new LocalDate(2026, 11, 30), new LocalDate(2026, 12, 25), true, false);
        return new MeterView(request.MeterId, "SN-1", contractId, 5, 3, new LocalDate(2020, 1, 1), 0m, null, null, null, true, null, null, window);
    }

    public async Task<Result<IReadOnlyList<InvoiceSummary>>> Handle(GetInvoicesByIds request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        return request.InvoiceIds.Where(world.Invoices.ContainsKey).Select(id => world.Invoices[id]).Where(i => scope.CanSeeCustomer(i.CustomerId)).ToList();
    }

    public Task<Result<IReadOnlyList<ContractSummary>>> Handle(ListContracts request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<ContractSummary>>>(world.Contracts.Values.ToList());
}
