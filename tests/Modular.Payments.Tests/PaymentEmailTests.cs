using System.Text;
using System.Text.RegularExpressions;
using Autofac;
using Modular.Core.Access;
using Modular.Core.Events;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Gateway;
using Modular.Payments.Online;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>Confirmation emails of settled and reversed payments: once per event, to each linked user, in their language.</summary>
public abstract partial class PaymentEmailTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_settled_online_payment_emails_each_linked_user_once_in_their_own_language()
    {
        var customer = _host.World.AddCustomer(Code());
        var invoice = _host.World.AddInvoice(customer, Number(), 1234.50m);
        var ro = _host.World.AddContact(customer, "ro");
        var en = _host.World.AddContact(customer, "en");
        var lv = _host.World.AddContact(customer, "lv");
        var created = (await _host.SendAsync(new CreatePayment([invoice.InvoiceId], null, Key(), "/paid"), _host.World.UserOf(customer))).Value;
        (await _host.SendAsync(new ApplyGatewayNotification(new GatewayNotification(created.Reference, "tx-1", GatewayPaymentState.Approved,
            Money.Of(1234.50m, "RON"))))).Value.ShouldBe(GatewayApplyOutcome.Settled);
        _host.Mail().ShouldBeEmpty(); // nothing before the outbox delivers the committed event

        await _host.DrainOutboxAsync();
        await _host.DrainOutboxAsync();

        var romanian = _host.MailTo(ro.Email).ShouldHaveSingleItem();
        romanian.Subject.ShouldBe($"Plată primită: 1.234,50 RON (referința {created.Reference})");
        romanian.Body.ShouldContain("25.11.2026");
        romanian.Body.ShouldContain("online, cu cardul");
        romanian.Body.ShouldContain(invoice.Number);
        var english = _host.MailTo(en.Email).ShouldHaveSingleItem();
        english.Subject.ShouldBe($"Payment received: 1,234.50 RON (reference {created.Reference})");
        english.Body.ShouldContain("25/11/2026");
        english.Body.ShouldContain("online, by card");
        english.Body.ShouldContain("Invoices paid: " + invoice.Number);
        var latvian = _host.MailTo(lv.Email).ShouldHaveSingleItem();
        latvian.Subject.ShouldStartWith("Maksājums saņemts: 1");
        latvian.Subject.ShouldContain("234,50 RON (atsauce " + created.Reference);
        latvian.Body.ShouldContain("tiešsaistē ar karti");
        latvian.Body.ShouldContain("25.11.2026");
        _host.Mail().Count.ShouldBe(3);
        // no card number in any email; the reference's random hex part may itself run into 13 decimal digits
        _host.Mail().ShouldAllBe(m => !LongDigitRun().IsMatch(m.Body.Replace(created.Reference, "", StringComparison.Ordinal)));
    }

    [DbFact]
    public async Task A_repeated_or_concurrent_delivery_of_one_event_sends_one_email_per_user()
    {
        var customer = _host.World.AddCustomer(Code());
        var first = _host.World.AddContact(customer, "ro");
        var second = _host.World.AddContact(customer, "en");
        var settled = new PaymentSettled(Guid.NewGuid(), _host.Clock.GetCurrentInstant(), Guid.NewGuid(), customer.CustomerId,
            Money.Of(10m, "RON"), [], PaymentChannel.Cash, "PDEADBEEF", new LocalDate(2026, 11, 25));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DeliverAsync(settled))));
        await DeliverAsync(settled);

        _host.MailTo(first.Email).Count.ShouldBe(1);
        _host.MailTo(second.Email).Count.ShouldBe(1);
    }

    [DbFact]
    public async Task A_counter_payment_of_a_customer_without_portal_users_sends_nothing()
    {
        var lonely = _host.World.AddCustomer(Code());
        var receipt = await _host.SendAsync(new RecordCounterPayment(lonely.ClientCode, [], 50m, "RON", CounterMethod.Cash, "C1", "T1", Key()));
        receipt.IsSuccess.ShouldBeTrue();
        (await _host.DrainOutboxAsync()).ShouldBeGreaterThan(0);
        _host.Mail().ShouldBeEmpty();
    }

    [DbFact]
    public async Task Turning_confirmation_emails_off_sends_none()
    {
        await using var quiet = await PaymentsHost.StartAsync(database, new Dictionary<string, string?> { ["Modular:Payments:ConfirmationEmails"] = "false" });
        var customer = quiet.World.AddCustomer(Code());
        quiet.World.AddContact(customer, "ro");
        var receipt = (await quiet.SendAsync(new RecordCounterPayment(customer.ClientCode, [], 50m, "RON", CounterMethod.Cash, "C1", "T1", Key()))).Value;
        (await quiet.SendAsync(new RefundPayment(receipt.PaymentId, 20m, "duplicate", Key()))).IsSuccess.ShouldBeTrue();
        (await quiet.DrainOutboxAsync()).ShouldBeGreaterThan(0);
        quiet.Mail().ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_counter_payment_and_its_refund_each_send_their_email()
    {
        var customer = _host.World.AddCustomer(Code());
        var contact = _host.World.AddContact(customer, "ro");
        var receipt = (await _host.SendAsync(new RecordCounterPayment(customer.ClientCode, [], 80m, "RON", CounterMethod.Cash, "C1", "T1", Key()))).Value;
        await _host.DrainOutboxAsync();
        _host.MailTo(contact.Email).ShouldHaveSingleItem().Body.ShouldContain("în numerar, la casierie");

        (await _host.SendAsync(new RefundPayment(receipt.PaymentId, 30m, "plată dublă", Key()))).IsSuccess.ShouldBeTrue();
        await _host.DrainOutboxAsync();
        await _host.DrainOutboxAsync();
        var refund = _host.MailTo(contact.Email).Where(m => m.Subject.StartsWith("Plată rambursată", StringComparison.Ordinal)).ShouldHaveSingleItem();
        refund.Subject.ShouldBe($"Plată rambursată: 30,00 RON (referința {await ReferenceOfAsync(receipt.PaymentId)})");
        refund.Body.ShouldContain("80,00 RON");
        _host.MailTo(contact.Email).Count.ShouldBe(2);
    }

    [DbFact]
    public async Task A_matched_partner_line_emails_the_customer_and_a_bank_reversal_sends_a_reversal_email()
    {
        var customer = _host.World.AddCustomer(Code());
        var contact = _host.World.AddContact(customer, "en");
        var tx = Guid.NewGuid().ToString("N")[..8];
        var csv = $"ID tranzactie;Data;Cod client;Suma;Terminal\n{tx};24.11.2026;{customer.ClientCode};42,00;T-7\n";
        (await _host.SendAsync(new ImportPartnerFile("PayPoint", new MemoryStream(Encoding.UTF8.GetBytes(csv)), "pp.csv"))).Value.Matched.ShouldBe(1);
        await _host.DrainOutboxAsync();
        var mail = _host.MailTo(contact.Email).ShouldHaveSingleItem();
        mail.Subject.ShouldStartWith("Payment received: 42.00 RON");
        mail.Body.ShouldContain("through a payment partner");
        mail.Body.ShouldContain("24/11/2026");

        using (var credit = Camt.Statement(Camt.Entry("50.00", customer.ClientCode, bankRef: "E" + tx)))
        {
            (await _host.SendAsync(new ImportBankStatement(credit, "d1.xml"))).Value.Matched.ShouldBe(1);
        }

        using (var debit = Camt.Statement(Camt.Entry("50.00", customer.ClientCode, bankRef: "R" + tx, credit: false, reversal: true)))
        {
            (await _host.SendAsync(new ImportBankStatement(debit, "d2.xml"))).Value.Reversed.ShouldBe(1);
        }

        await _host.DrainOutboxAsync();
        var reversal = _host.MailTo(contact.Email).Where(m => m.Subject.StartsWith("Payment reversed", StringComparison.Ordinal)).ShouldHaveSingleItem();
        reversal.Subject.ShouldStartWith("Payment reversed: 50.00 RON");
        reversal.Body.ShouldContain("Your bank has reversed");
    }

    [DbFact]
    public async Task The_payment_date_is_the_utility_zones_date()
    {
        // 22:30 UTC on 25 November is already 26 November in Bucharest.
        _host.Clock.Set(Instant.FromUtc(2026, 11, 25, 22, 30));
        var customer = _host.World.AddCustomer(Code());
        var contact = _host.World.AddContact(customer, "ro");
        await _host.SendAsync(new RecordCounterPayment(customer.ClientCode, [], 5m, "RON", CounterMethod.Cash, "C1", "T1", Key()), Caller.KioskSession(customer.CustomerId));
        await _host.DrainOutboxAsync();
        var mail = _host.MailTo(contact.Email).ShouldHaveSingleItem();
        mail.Body.ShouldContain("26.11.2026");
        mail.Body.ShouldContain("la un terminal de plată");
    }

    private async Task DeliverAsync(PaymentSettled settled)
    {
        await using var scope = _host.BeginScope();
        foreach (var handler in scope.Resolve<IEnumerable<IIntegrationEventHandler<PaymentSettled>>>())
        {
            await handler.HandleAsync(settled, CancellationToken.None);
        }
    }

    private Task<string> ReferenceOfAsync(Guid paymentId) =>
        _host.WithDbAsync(db => Task.FromResult(db.Payments.Single(p => p.Id == paymentId).Reference));

    private static string Key() => "k-" + Guid.NewGuid().ToString("N");

    private static string Code() => "C" + Guid.NewGuid().ToString("N")[..8];

    private static string Number() => "AP " + Guid.NewGuid().ToString("N")[..8];

    [GeneratedRegex(@"\d{13,}")]
    private static partial Regex LongDigitRun();
}

public sealed class SqlitePaymentEmailTests(SqliteDatabase database) : PaymentEmailTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPaymentEmailTests(PostgresDatabase database) : PaymentEmailTests(database), IClassFixture<PostgresDatabase>;
