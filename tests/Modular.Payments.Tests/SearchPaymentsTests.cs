using Modular.Core.Access;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>The back office's payment search: identifiers, amounts, the payer's text, the utility's days, filters and scope.</summary>
public abstract class SearchPaymentsTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;

    private readonly Caller _cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Counter);

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_reference_or_receipt_number_finds_that_payment_and_a_client_code_the_customer_s()
    {
        var (customer, first) = await CounterPaymentAsync(41.10m);
        var (_, second) = await CounterPaymentAsync(17.25m, customer);
        var (other, _) = await CounterPaymentAsync(41.10m);
        var firstSummary = (await _host.SendAsync(new GetPayment(first.PaymentId))).Value.Payment;

        (await SearchAsync(new SearchPayments(first.ReceiptNumber))).ShouldBe([first.PaymentId]);
        (await SearchAsync(new SearchPayments(firstSummary.Reference))).ShouldBe([first.PaymentId]);
        (await SearchAsync(new SearchPayments(customer.ClientCode))).ShouldBe([second.PaymentId, first.PaymentId]);
        (await SearchAsync(new SearchPayments(customer.ClientCode, Take: 1))).ShouldBe([second.PaymentId]);
        (await SearchAsync(new SearchPayments(CustomerId: other.CustomerId))).Count.ShouldBe(1);
        (await SearchAsync(new SearchPayments("41,10"))).ShouldContain(first.PaymentId);
        (await SearchAsync(new SearchPayments("41.10"))).ShouldNotContain(second.PaymentId);
    }

    [DbFact]
    public async Task Payer_text_channel_and_status_narrow_the_search()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        // The client code inside the remittance text matches the customer; the whole text stays the payer's reference.
        var words = "Factura apa luna noiembrie " + customer.ClientCode;
        using (var file = Camt.Statement(Camt.Entry("12.00", text: words)))
        {
            (await _host.SendAsync(new ImportBankStatement(file, "t.xml"))).Value.Matched.ShouldBe(1);
        }

        var (_, cash) = await CounterPaymentAsync(5m, customer);
        var transfer = (await SearchAsync(new SearchPayments("LUNA NOIEMBRIE " + customer.ClientCode))).ShouldHaveSingleItem();
        (await SearchAsync(new SearchPayments(customer.ClientCode, Channel: PaymentChannel.BankTransfer))).ShouldBe([transfer]);
        (await SearchAsync(new SearchPayments(customer.ClientCode, Channel: PaymentChannel.Cash))).ShouldBe([cash.PaymentId]);
        (await SearchAsync(new SearchPayments(customer.ClientCode, Status: PaymentStatus.Refunded))).ShouldBeEmpty();
        await _host.SendAsync(new RefundPayment(cash.PaymentId, 5m, "Paid twice", Guid.NewGuid().ToString("N")), Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]));
        (await SearchAsync(new SearchPayments(customer.ClientCode, Status: PaymentStatus.Refunded))).ShouldBe([cash.PaymentId]);
    }

    [DbFact]
    public async Task Days_are_the_utility_s_days_whatever_the_hour_in_utc()
    {
        // 23:30 in Bucharest on 30 November is 21:30 UTC; 00:30 on 1 December is 22:30 UTC of 30 November.
        _host.Clock.Set(Instant.FromUtc(2026, 11, 30, 21, 30));
        var (customer, late) = await CounterPaymentAsync(3m);
        _host.Clock.Set(Instant.FromUtc(2026, 11, 30, 22, 30));
        var (_, early) = await CounterPaymentAsync(4m, customer);

        (await SearchAsync(new SearchPayments(customer.ClientCode, From: new LocalDate(2026, 11, 30), To: new LocalDate(2026, 11, 30)))).ShouldBe([late.PaymentId]);
        (await SearchAsync(new SearchPayments(customer.ClientCode, From: new LocalDate(2026, 12, 1)))).ShouldBe([early.PaymentId]);
        (await SearchAsync(new SearchPayments(customer.ClientCode, To: new LocalDate(2026, 11, 29)))).ShouldBeEmpty();
    }

    [DbFact]
    public async Task Staff_acting_for_a_customer_find_only_theirs_and_portal_users_none()
    {
        var (customer, mine) = await CounterPaymentAsync(8m);
        var (other, _) = await CounterPaymentAsync(9m);
        var acting = Caller.Staff(Guid.NewGuid(), [StaffRoles.CustomerService]).OnBehalfOf(customer.CustomerId);
        (await _host.SendAsync(new SearchPayments(other.ClientCode), acting)).Value.ShouldBeEmpty();
        (await _host.SendAsync(new SearchPayments(customer.ClientCode), acting)).Value.Select(p => p.PaymentId).ShouldBe([mine.PaymentId]);
        (await _host.SendAsync(new SearchPayments(customer.ClientCode), _host.World.UserOf(customer))).Error.Code.ShouldBe("core.forbidden");
    }

    private async Task<IReadOnlyList<Guid>> SearchAsync(SearchPayments query) =>
        (await _host.SendAsync(query, _cashier)).Value.Select(p => p.PaymentId).ToList();

    private async Task<(Accounts.Contracts.CustomerSummary Customer, CounterReceipt Receipt)> CounterPaymentAsync(decimal amount, Accounts.Contracts.CustomerSummary? customer = null)
    {
        customer ??= _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var receipt = (await _host.SendAsync(new RecordCounterPayment(customer.ClientCode, [], amount, "RON", CounterMethod.Cash, "Centrul 1", "POS-1",
            Guid.NewGuid().ToString("N")), _cashier)).Value;
        _host.Clock.Advance(Duration.FromSeconds(1));
        return (customer, receipt);
    }
}

public sealed class SqliteSearchPaymentsTests(SqliteDatabase database) : SearchPaymentsTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresSearchPaymentsTests(PostgresDatabase database) : SearchPaymentsTests(database), IClassFixture<PostgresDatabase>;
