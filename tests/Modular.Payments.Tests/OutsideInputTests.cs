using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>
/// Every field that reaches the module from outside – a gateway's callback, a partner's or a bank's file – is capped and
/// checked: an unusable one is refused with a clear answer and changes nothing; free text is stored without hidden characters.
/// </summary>
public abstract class OutsideInputTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;
    private readonly CallbackClient _callbacks = new();

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync()
    {
        _callbacks.Dispose();
        await _host.DisposeAsync();
    }

    [DbFact]
    public async Task A_callback_with_a_million_character_transaction_id_is_refused_unread_and_changes_nothing()
    {
        var created = await NewPaymentAsync(75m);
        var body = CallbackClient.Body(created.Reference, "approved", "75.00", transactionId: new string('x', 1_000_000));

        var response = await _callbacks.PostAsync(_host, body);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        await ShouldBeUntouchedAsync(created);
    }

    [DbTheory]
    [InlineData(201, "x")]
    [InlineData(10, "\u202E")]
    [InlineData(10, " ")]
    public async Task A_callback_whose_transaction_id_is_too_long_or_has_hidden_characters_is_refused_with_the_field(int length, string filler)
    {
        var created = await NewPaymentAsync(75m);
        var body = CallbackClient.Body(created.Reference, "approved", "75.00", transactionId: "t" + string.Concat(Enumerable.Repeat(filler, length)));

        var response = await _callbacks.PostAsync(_host, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("payments.callback_field_invalid");
        problem.GetProperty("field").GetString().ShouldBe("transactionId");
        problem.GetProperty("detail").GetString()!.ShouldContain("transactionId");
        await ShouldBeUntouchedAsync(created);
    }

    [DbFact]
    public async Task A_callback_with_an_overlong_reference_is_refused_without_looking_it_up()
    {
        var body = CallbackClient.Body("P" + new string('0', 4000), "approved", "75.00");
        var response = await _callbacks.PostAsync(_host, body);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString().ShouldBe("reference");
    }

    [DbFact]
    public async Task A_transaction_id_of_the_longest_allowed_length_settles()
    {
        var created = await NewPaymentAsync(75m);
        var id = "t" + new string('9', 199);
        (await _callbacks.PostAsync(_host, CallbackClient.Body(created.Reference, "approved", "75.00", transactionId: id))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Settled);
    }

    [DbFact]
    public async Task A_partner_line_with_an_overlong_transaction_id_or_terminal_is_rejected_and_stores_nothing()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var tx = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            ID tranzactie;Data;Cod client;Suma;Terminal
            {tx}{new string('7', 400)};24.11.2026;{customer.ClientCode};12,00;T-1
            {tx}-2;24.11.2026;{customer.ClientCode};13,00;{new string('T', 101)}
            {tx}-3;24.11.2026;{customer.ClientCode};14,00;T-3
            """;

        var report = (await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), "pp.csv"))).Value;

        report.Rejected.ShouldBe(2);
        report.Matched.ShouldBe(1);
        report.Lines.Where(l => l.Outcome == ImportLineOutcome.Rejected).ShouldAllBe(l => l.Reason == "payments.line_field_too_long" && l.Key.Length <= 300);
        var stored = await _host.WithDbAsync(db => db.Payments.Where(p => p.CustomerId == customer.CustomerId).Select(p => p.Amount).ToListAsync());
        stored.ShouldBe([14.00m]);
    }

    [DbFact]
    public async Task Remittance_text_and_payer_are_stored_without_hidden_characters_and_within_their_columns()
    {
        var unknown = "NOBODY-" + Guid.NewGuid().ToString("N")[..8];
        var text = $"Plata \u202Eabc\u200B {unknown} " + new string('z', 2000);
        var report = (await _host.SendAsync(new ImportBankStatement(Camt.Statement(Camt.Entry("9.99", text: text, bankRef: "R-" + unknown)), "s.xml"))).Value;
        report.Unmatched.ShouldBe(1);

        var item = (await _host.SendAsync(new ListSuspense())).Value.Single(s => s.Reference!.Contains(unknown));
        item.Reference!.Length.ShouldBeLessThanOrEqualTo(500);
        item.Reference.ShouldStartWith("Plata  abc  " + unknown);
        item.Reference.ShouldNotContain("\u202E");
    }

    private async Task ShouldBeUntouchedAsync(PaymentCreated created)
    {
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Pending);
        (await _host.SendAsync(new GetPayment(created.PaymentId))).Value.History.Select(h => h.Kind).ShouldBe(["created"]);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference)).ShouldBeEmpty();
    }

    private async Task<PaymentCreated> NewPaymentAsync(decimal amount)
    {
        var customer = _host.World.AddCustomer("C" + Guid.NewGuid().ToString("N")[..8]);
        var invoice = _host.World.AddInvoice(customer, "AP " + Guid.NewGuid().ToString("N")[..8], amount);
        return (await _host.SendAsync(new CreatePayment([invoice.InvoiceId], null, "k-" + Guid.NewGuid().ToString("N"), "/paid"),
            _host.World.UserOf(customer))).Value;
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")));
}

public sealed class SqliteOutsideInputTests(SqliteDatabase database) : OutsideInputTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresOutsideInputTests(PostgresDatabase database) : OutsideInputTests(database), IClassFixture<PostgresDatabase>;
