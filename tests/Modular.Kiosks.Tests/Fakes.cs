using System.Collections.Concurrent;
using MediatR;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Money;
using Modular.Core.Results;
using NodaTime;
using Autofac;

namespace Modular.Kiosks.Tests;

/// <summary>In-memory customers, invoices and user links that the Billing and Accounts doubles answer from.</summary>
public sealed class FakeWorld : IAccessScopeProvider
{
    public ConcurrentDictionary<Guid, InvoiceSummary> Invoices { get; } = new();

    public ConcurrentDictionary<string, CustomerSummary> Customers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentDictionary<Guid, HashSet<Guid>> UserCustomers { get; } = new();

    /// <summary>Confirmed portal users of each customer, as Accounts' <c>GetCustomerContacts</c> answers them.</summary>
    public ConcurrentDictionary<Guid, ConcurrentQueue<CustomerContact>> Contacts { get; } = new();

    public CustomerContact AddContact(CustomerSummary customer, string culture, string? email = null)
    {
        var contact = new CustomerContact(Guid.NewGuid(), email ?? $"u{Guid.NewGuid():N}@example.ro", culture);
        Contacts.GetOrAdd(customer.CustomerId, _ => new ConcurrentQueue<CustomerContact>()).Enqueue(contact);
        return contact;
    }

    public CustomerSummary AddCustomer(string clientCode)
    {
        var customer = new CustomerSummary(Guid.NewGuid(), clientCode, "Customer " + clientCode, LegalType.Individual);
        Customers[clientCode] = customer;
        return customer;
    }

    public InvoiceSummary AddInvoice(CustomerSummary customer, string number, decimal total, decimal paid = 0m, string currency = "RON")
    {
        var c = Currency.Of(currency);
        var invoice = new InvoiceSummary(Guid.NewGuid(), number, customer.CustomerId, Guid.NewGuid(), customer.ClientCode, new YearMonth(2026, 10),
            new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 20), new LocalDate(2026, 11, 30), new Money(total, c), new Money(paid, c),
            new Money(total - paid, c), paid >= total ? InvoiceStatus.Paid : InvoiceStatus.Issued, false);
        Invoices[invoice.InvoiceId] = invoice;
        return invoice;
    }

    public Caller UserOf(params CustomerSummary[] customers)
    {
        var user = Caller.Customer(Guid.NewGuid(), culture: "ro");
        UserCustomers[user.UserId!.Value] = customers.Select(c => c.CustomerId).ToHashSet();
        return user;
    }

    public Task<AccessScope> GetScopeAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(UserCustomers.TryGetValue(userId, out var customers)
            ? new AccessScope(false, customers, new HashSet<Guid>())
            : AccessScope.Nothing);

    public Task<AccessScope> GetCustomerScopeAsync(Guid customerId, CancellationToken cancellationToken) =>
        Task.FromResult(new AccessScope(false, new HashSet<Guid> { customerId }, new HashSet<Guid>()));
}

/// <summary>Stands in for the Billing module: answers its contract queries from <see cref="FakeWorld"/>.</summary>
public sealed class FakeBillingModule(FakeWorld world) : ModularModule
{
    public override string Name => "Billing";

    protected override void Register(ContainerBuilder builder) => builder.RegisterInstance(world).As<FakeWorld>().As<IAccessScopeProvider>();
}

/// <summary>Stands in for the Accounts module.</summary>
public sealed class FakeAccountsModule : ModularModule
{
    public override string Name => "Accounts";
}

internal sealed class FakeBillingHandlers(FakeWorld world, IAccessScope access) :
    IRequestHandler<GetInvoicesByIds, Result<IReadOnlyList<InvoiceSummary>>>,
    IRequestHandler<FindInvoiceByNumber, Result<InvoiceSummary>>,
    IRequestHandler<GetOpenInvoices, Result<IReadOnlyList<InvoiceSummary>>>,
    IRequestHandler<GetBalance, Result<Balance>>,
    IRequestHandler<FindCustomerByClientCode, Result<CustomerSummary>>,
    IRequestHandler<GetCustomerContacts, Result<IReadOnlyList<CustomerContact>>>,
    IRequestHandler<GetIssuer, Result<Issuer>>
{
    public static readonly Issuer Issuer = new("Apa & Canal Test SA", "RO1234567", "Str. Apei 1, Giurgiu");

    public Task<Result<Issuer>> Handle(GetIssuer request, CancellationToken cancellationToken) => Task.FromResult<Result<Issuer>>(Issuer);

    public async Task<Result<IReadOnlyList<InvoiceSummary>>> Handle(GetInvoicesByIds request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        return request.InvoiceIds.Where(world.Invoices.ContainsKey).Select(id => world.Invoices[id])
            .Where(i => scope.CanSeeCustomer(i.CustomerId)).ToList();
    }

    public Task<Result<InvoiceSummary>> Handle(FindInvoiceByNumber request, CancellationToken cancellationToken) =>
        Task.FromResult(world.Invoices.Values.FirstOrDefault(i => i.Number == request.Number) is { } found
            ? (Result<InvoiceSummary>)found
            : Result<InvoiceSummary>.Failure(CoreErrors.NotFound));

    public Task<Result<IReadOnlyList<InvoiceSummary>>> Handle(GetOpenInvoices request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IReadOnlyList<InvoiceSummary>>>(world.Invoices.Values
            .Where(i => request.CustomerIds.Contains(i.CustomerId) && i.Remaining.Amount > 0).OrderBy(i => i.DueDate).ToList());

    public Task<Result<Balance>> Handle(GetBalance request, CancellationToken cancellationToken)
    {
        var open = world.Invoices.Values.Where(i => i.CustomerId == request.CustomerId).Sum(i => i.Remaining.Amount);
        var ron = Currency.Ron;
        return Task.FromResult<Result<Balance>>(new Balance(request.CustomerId, new Money(open, ron), Money.Zero(ron), new Money(open, ron)));
    }

    public Task<Result<CustomerSummary>> Handle(FindCustomerByClientCode request, CancellationToken cancellationToken) =>
        Task.FromResult(world.Customers.TryGetValue(request.ClientCode.Trim(), out var c)
            ? (Result<CustomerSummary>)c
            : Result<CustomerSummary>.Failure(CoreErrors.NotFound));

    public async Task<Result<IReadOnlyList<CustomerContact>>> Handle(GetCustomerContacts request, CancellationToken cancellationToken)
    {
        if (!(await access.GetAsync(cancellationToken)).All)
        {
            return Result<IReadOnlyList<CustomerContact>>.Failure(CoreErrors.Forbidden);
        }

        return world.Contacts.TryGetValue(request.CustomerId, out var contacts) ? contacts.ToList() : [];
    }
}
