using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Xunit;

namespace Modular.Payments.Tests.Counter;

/// <summary>A Payments host per test class and the staff members working at its default centre (CENTRAL, desks G1–G3).</summary>
public abstract class CashierDeskHost(TestDatabase database) : IAsyncLifetime
{
    public const string Centre = "CENTRAL";

    protected PaymentsHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected static Caller Cashier() => Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Staff).InSession(Guid.NewGuid());

    protected static Caller Supervisor() => Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor], Channel.Staff).InSession(Guid.NewGuid());

    protected static Caller Agent() => Caller.Staff(Guid.NewGuid(), [StaffRoles.CustomerService], Channel.Staff).InSession(Guid.NewGuid());

    protected (Modular.Accounts.Contracts.CustomerSummary Customer, InvoiceSummary Invoice) CustomerOwing(decimal amount)
    {
        var customer = Host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        return (customer, Host.World.AddInvoice(customer, "AP " + Random.Shared.Next(100_000, 999_999), amount));
    }

    protected static RecordCounterPayment Cash(string clientCode, Guid invoiceId, decimal amount, decimal tendered, string desk = "G1") =>
        new(clientCode, [invoiceId], amount, "RON", CounterMethod.Cash, Centre, desk, Guid.NewGuid().ToString("N"), tendered);

    protected static RecordCounterPayment Card(string clientCode, Guid invoiceId, decimal amount, string? reference, string desk = "G1") =>
        new(clientCode, [invoiceId], amount, "RON", CounterMethod.Card, Centre, desk, Guid.NewGuid().ToString("N"), CardReference: reference);
}
