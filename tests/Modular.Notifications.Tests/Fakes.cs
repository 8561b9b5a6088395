using System.Collections.Concurrent;
using Autofac;
using MediatR;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.Readings.Contracts;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Notifications.Tests;

/// <summary>In-memory customers, contracts and portal users that the Accounts double answers from.</summary>
public sealed class FakeWorld : IAccessScopeProvider
{
    public ConcurrentDictionary<Guid, ContractSummary> Contracts { get; } = new();

    public ConcurrentDictionary<Guid, PortalUserContact> Users { get; } = new();

    public ConcurrentDictionary<Guid, InvoiceSummary> Invoices { get; } = new();

    /// <summary>Users who chose the invoice by email (paperless) in Accounts.</summary>
    public ConcurrentDictionary<Guid, bool> Paperless { get; } = new();

    public ConcurrentDictionary<Guid, PaymentDetails> Payments { get; } = new();

    /// <summary>Meters per contract, as Readings answers them (window and current reading set by the test).</summary>
    public ConcurrentDictionary<Guid, List<MeterView>> Meters { get; } = new();

    /// <summary>An issued, unpaid invoice of the customer's contract.</summary>
    public InvoiceSummary AddInvoice(Customer customer, LocalDate issued, LocalDate due, decimal total = 123.45m)
    {
        var ron = Currency.Ron;
        var invoice = new InvoiceSummary(Guid.NewGuid(), "GR" + Random.Shared.Next(100000, 999999), customer.CustomerId, customer.ContractId,
            customer.ClientCode, new YearMonth(issued.Year, issued.Month), issued, due, due.PlusDays(15), new Money(total, ron), Money.Zero(ron),
            new Money(total, ron), InvoiceStatus.Issued, false);
        Invoices[invoice.InvoiceId] = invoice;
        return invoice;
    }

    /// <summary>A self-read meter on the contract with the given window; <paramref name="read"/>: it already has this period's reading.</summary>
    public MeterView AddMeter(Customer customer, YearMonth period, LocalDate opens, LocalDate closes, bool open, bool read = false)
    {
        var meter = new MeterView(Guid.NewGuid(), "SN-" + Random.Shared.Next(1000, 9999), customer.ContractId, 5, 3, new LocalDate(2020, 1, 1), 0m, null, null,
            null, true, 10m, opens.PlusMonths(-1), new ReadingWindowState(open, period, opens, closes, opens.PlusMonths(1), true, open), read ? 12m : null);
        Meters.GetOrAdd(customer.ContractId, _ => []).Add(meter);
        return meter;
    }

    /// <summary>A customer with one contract.</summary>
    public Customer AddCustomer(string address = "Str. Gării 5, Giurgiu")
    {
        var customerId = Guid.NewGuid();
        var contract = new ContractSummary(Guid.NewGuid(), "C-" + Random.Shared.Next(100000, 999999), customerId, "1" + Random.Shared.Next(10000, 99999),
            "Ion Popescu", LegalType.Individual, address, ConnectedServices.Water, new LocalDate(2020, 1, 1), null);
        Contracts[contract.ContractId] = contract;
        return new Customer(customerId, contract.ContractId, contract.ClientCode, contract.ContractNumber);
    }

    /// <summary>A confirmed portal user linked to the customers, with an email and a language.</summary>
    public Caller AddUser(string culture = "ro", params Guid[] customerIds)
    {
        var user = Caller.Customer(Guid.NewGuid(), culture: culture);
        Users[user.UserId!.Value] = new PortalUserContact(user.UserId.Value, $"user-{user.UserId.Value:N}@example.com", culture, [.. customerIds]);
        return user;
    }

    public string EmailOf(Caller user) => Users[user.UserId!.Value].Email;

    public Task<AccessScope> GetScopeAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult(Users.TryGetValue(userId, out var user)
        ? ScopeOf([.. user.CustomerIds])
        : AccessScope.Nothing);

    public Task<AccessScope> GetCustomerScopeAsync(Guid customerId, CancellationToken cancellationToken) => Task.FromResult(ScopeOf([customerId]));

    private AccessScope ScopeOf(HashSet<Guid> customers) =>
        new(false, customers, Contracts.Values.Where(c => customers.Contains(c.CustomerId)).Select(c => c.ContractId).ToHashSet());
}

public sealed record Customer(Guid CustomerId, Guid ContractId, string ClientCode, string ContractNumber);

/// <summary>Stands in for Accounts and registers the double's handlers.</summary>
public sealed class FakeAccountsModule(FakeWorld world) : ModularModule
{
    public override string Name => "Accounts";

    protected override bool Includes(Type type) => type == typeof(FakeAccountsHandlers);

    protected override void Register(ContainerBuilder builder) => builder.RegisterInstance(world).As<FakeWorld>().As<IAccessScopeProvider>();
}

/// <summary>The Accounts queries Notifications sends, answered like the real ones (system callers see every customer).</summary>
internal sealed class FakeAccountsHandlers(FakeWorld world, IAccessScope access) :
    IRequestHandler<GetContract, Result<ContractSummary>>,
    IRequestHandler<GetCustomerContacts, Result<IReadOnlyList<CustomerContact>>>,
    IRequestHandler<GetContactsOfCustomers, Result<IReadOnlyList<CustomerContactOf>>>,
    IRequestHandler<GetPortalUsers, Result<IReadOnlyList<PortalUserContact>>>,
    IRequestHandler<GetCustomerParties, Result<IReadOnlyList<CustomerParty>>>,
    IRequestHandler<ListContracts, Result<IReadOnlyList<ContractSummary>>>,
    IRequestHandler<GetInvoicesByIds, Result<IReadOnlyList<InvoiceSummary>>>,
    IRequestHandler<GetOpenInvoices, Result<IReadOnlyList<InvoiceSummary>>>,
    IRequestHandler<GetInvoiceDocument, Result<DocumentFile>>,
    IRequestHandler<GetMetersForContract, Result<IReadOnlyList<MeterView>>>,
    IRequestHandler<GetMetersForContracts, Result<IReadOnlyList<MeterView>>>,
    IRequestHandler<GetInvoiceEmailRecipients, Result<IReadOnlyList<InvoiceEmailRecipient>>>,
    IRequestHandler<GetPayment, Result<PaymentDetails>>,
    IRequestHandler<GetIssuer, Result<Issuer>>
{
    public Task<Result<Issuer>> Handle(GetIssuer request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success(new Issuer("Apă Canal Giurgiu SA", "RO123", "Giurgiu")));

    public Task<Result<IReadOnlyList<InvoiceEmailRecipient>>> Handle(GetInvoiceEmailRecipients request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<InvoiceEmailRecipient>>>(world.Users.Values
            .Where(u => u.CustomerIds.Contains(request.CustomerId) && world.Paperless.ContainsKey(u.UserId))
            .Select(u => new InvoiceEmailRecipient(u.UserId, u.Email, u.Culture)).ToList());

    public Task<Result<PaymentDetails>> Handle(GetPayment request, CancellationToken cancellationToken) =>
        Task.FromResult(world.Payments.TryGetValue(request.PaymentId, out var payment) ? Result.Success(payment) : Result<PaymentDetails>.Failure(CoreErrors.NotFound));

    public static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");

    public Task<Result<IReadOnlyList<InvoiceSummary>>> Handle(GetInvoicesByIds request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<InvoiceSummary>>>(request.InvoiceIds.Where(world.Invoices.ContainsKey).Select(id => world.Invoices[id]).ToList());

    public Task<Result<IReadOnlyList<InvoiceSummary>>> Handle(GetOpenInvoices request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<InvoiceSummary>>>(world.Invoices.Values.Where(i => request.CustomerIds.Contains(i.CustomerId)).ToList());

    public Task<Result<DocumentFile>> Handle(GetInvoiceDocument request, CancellationToken cancellationToken) =>
        Task.FromResult(world.Invoices.TryGetValue(request.InvoiceId, out var invoice)
            ? Result.Success(new DocumentFile(invoice.Number + ".pdf", "application/pdf", Pdf))
            : Result<DocumentFile>.Failure(CoreErrors.NotFound));

    public Task<Result<IReadOnlyList<MeterView>>> Handle(GetMetersForContract request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<MeterView>>>(world.Meters.TryGetValue(request.ContractId, out var meters) ? meters.ToList() : []);

    public Task<Result<IReadOnlyList<MeterView>>> Handle(GetMetersForContracts request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<MeterView>>>(request.ContractIds.SelectMany(id => world.Meters.TryGetValue(id, out var meters) ? meters : []).ToList());

    public async Task<Result<ContractSummary>> Handle(GetContract request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        return world.Contracts.TryGetValue(request.ContractId, out var contract) && scope.CanSeeContract(contract.ContractId)
            ? contract
            : Result<ContractSummary>.Failure(CoreErrors.NotFound);
    }

    public Task<Result<IReadOnlyList<CustomerContact>>> Handle(GetCustomerContacts request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<CustomerContact>>>(world.Users.Values.Where(u => u.CustomerIds.Contains(request.CustomerId))
            .Select(u => new CustomerContact(u.UserId, u.Email, u.Culture)).ToList());

    public Task<Result<IReadOnlyList<CustomerContactOf>>> Handle(GetContactsOfCustomers request, CancellationToken cancellationToken)
    {
        var ids = request.CustomerIds.ToHashSet();
        return Task.FromResult<Result<IReadOnlyList<CustomerContactOf>>>(world.Users.Values
            .SelectMany(u => u.CustomerIds.Where(ids.Contains).Select(c => new CustomerContactOf(c, u.UserId, u.Email, u.Culture))).ToList());
    }

    public Task<Result<IReadOnlyList<PortalUserContact>>> Handle(GetPortalUsers request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<PortalUserContact>>>(request.UserIds.Where(world.Users.ContainsKey).Select(id => world.Users[id]).ToList());

    public Task<Result<IReadOnlyList<CustomerParty>>> Handle(GetCustomerParties request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<CustomerParty>>>(world.Contracts.Values.Where(c => request.CustomerIds.Contains(c.CustomerId))
            .DistinctBy(c => c.CustomerId)
            .Select(c => new CustomerParty(c.CustomerId, c.ClientCode, c.CustomerName, c.LegalType, null, null, null, null,
                new PostalAddress(c.ServiceAddress, null, null, null, "RO"))).ToList());

    public Task<Result<IReadOnlyList<ContractSummary>>> Handle(ListContracts request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<ContractSummary>>>(world.Contracts.Values
            .Where(c => request.AfterContractId is not { } after || c.ContractId.CompareTo(after) > 0)
            .OrderBy(c => c.ContractId).Take(request.PageSize).ToList());
}
