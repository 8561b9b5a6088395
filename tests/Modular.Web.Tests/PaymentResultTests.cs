using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// The page a customer returns to after paying. Billing learns of a settled payment from an event a moment later; the
/// page never shows the invoices' status from before the payment as if it were current.
/// </summary>
public abstract class PaymentResultTests(DemoPortal demo)
{
    [DbFact]
    public async Task A_settled_payment_billing_has_not_recorded_yet_shows_its_invoices_as_being_recorded_then_paid()
    {
        var invoice = demo.Alice.Invoices.First(i => i.Remaining.Amount > 0m);
        var payment = await demo.AsSystemAsync(async m => (await m.Send(new RecordCounterPayment(demo.Alice.Customer.ClientCode, [invoice.InvoiceId],
            invoice.Remaining.Amount, invoice.Remaining.Currency.Code, CounterMethod.Cash, "Centru", "Casa 1", "result-" + Guid.NewGuid()))).Value);
        var client = await demo.LogInAsync(demo.Alice);

        var before = await client.GetStringAsync($"/Pay/Result?payment={payment.PaymentId}");
        before.ShouldContain("data-testid=\"payment-status\">Plata a fost primită.");
        before.ShouldContain("data-testid=\"invoice-status\">plata a fost primită și se înregistrează pe factură");
        before.ShouldNotContain("data-testid=\"invoice-status\">Emisă");

        await demo.Portal.Services.DrainOutboxAsync();

        var after = await client.GetStringAsync($"/Pay/Result?payment={payment.PaymentId}");
        after.ShouldContain("data-testid=\"invoice-status\">Achitată");
        after.ShouldNotContain("se înregistrează");
    }
}

public sealed class SqlitePaymentResultTests(SqliteHeldOutboxPortal demo) : PaymentResultTests(demo), IClassFixture<SqliteHeldOutboxPortal>;

[Postgres]
public sealed class PostgresPaymentResultTests(PostgresHeldOutboxPortal demo) : PaymentResultTests(demo), IClassFixture<PostgresHeldOutboxPortal>;

/// <summary>A demo portal whose outbox is delivered only when a test drains it: a state between two modules can be looked at.</summary>
public sealed class SqliteHeldOutboxPortal() : DemoPortal(new SqliteDatabase(), HeldOutbox.Settings);

/// <inheritdoc cref="SqliteHeldOutboxPortal"/>
public sealed class PostgresHeldOutboxPortal() : DemoPortal(new PostgresDatabase(), HeldOutbox.Settings);

internal static class HeldOutbox
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?> { ["Modular:Outbox:DispatchEnabled"] = "false" };
}
