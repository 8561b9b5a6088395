using System.Text;
using Autofac;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>Partner CSV files, counter payments with receipts, and the card-number scan of everything stored and logged.</summary>
public abstract partial class OfflinePaymentTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_partner_file_imports_good_rows_and_reports_bad_ones()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var tx = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            ID tranzactie;Data;Cod client;Suma;Terminal
            {tx}-1;24.11.2026;{customer.ClientCode};120,50;T-7
            {tx}-2;24.11.2026;{customer.ClientCode};abc;T-7
            {tx}-3;2026-11-24;{customer.ClientCode};10,00;T-7
            {tx}-4;24.11.2026;UNKNOWN{tx}9;15,00;T-8
            ;24.11.2026;{customer.ClientCode};5,00;T-8
            {tx}-5;24.11.2026;{customer.ClientCode};-3,00;T-8
            """;
        var report = (await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), "pp.csv"))).Value;
        report.Total.ShouldBe(6);
        report.Matched.ShouldBe(1);
        report.Unmatched.ShouldBe(1);
        report.Rejected.ShouldBe(4);
        report.Lines.Where(l => l.Outcome == ImportLineOutcome.Rejected).Select(l => l.Reason).ShouldBe(
            ["payments.line_bad_amount", "payments.line_bad_date", "payments.line_missing_field", "payments.line_bad_amount"], ignoreOrder: true);
        report.MatchedTotals.ShouldBe([Money.Of(120.50m, "RON")]);
        var payment = (await _host.SendAsync(new GetMyPayments(500))).Value.Single(p => p.CustomerId == customer.CustomerId);
        payment.Channel.ShouldBe(PaymentChannel.Partner);
        (await _host.SendAsync(new GetPayment(payment.PaymentId))).Value.Terminal.ShouldBe("T-7");

        var again = (await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), "pp.csv"))).Value;
        again.Duplicates.ShouldBe(2);
        again.Matched.ShouldBe(0);
        (await _host.SendAsync(new GetMyPayments(500))).Value.Count(p => p.CustomerId == customer.CustomerId).ShouldBe(1);
    }

    [DbFact]
    public async Task A_partner_file_without_the_configured_columns_or_partner_is_refused_whole()
    {
        (await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream("a;b\n1;2"), "x.csv"))).Error.Code.ShouldBe("payments.csv_invalid");
        (await _host.SendAsync(new ImportPartnerFile("Nobody", Stream("a;b\n1;2"), "x.csv"))).Error.Code.ShouldBe("payments.unknown_partner");
    }

    [DbFact]
    public async Task A_counter_payment_gives_a_receipt_once_per_terminal_transaction()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var invoice = _host.World.AddInvoice(customer, "AP " + Random.Shared.Next(100_000, 999_999), 80m);
        var key = Guid.NewGuid().ToString("N");
        var command = new RecordCounterPayment(customer.ClientCode, [invoice.InvoiceId], 80m, "RON", CounterMethod.Cash, "Centrul 1", "POS-2", key);
        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Counter);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _host.SendAsync(command, cashier)));
        results.ShouldAllBe(r => r.IsSuccess);
        results.Select(r => r.Value.ReceiptNumber).Distinct().Count().ShouldBe(1);
        (await _host.SendAsync(command with { Amount = 81m }, cashier)).Error.Code.ShouldBe("payments.idempotency_key_reused");
        (await _host.SendAsync(command with { IdempotencyKey = "x", ClientCode = "nobody" }, cashier)).Error.Code.ShouldBe("payments.customer_not_found");
        (await _host.SendAsync(command with { IdempotencyKey = "y", Centre = "" }, cashier)).Error.Code.ShouldBe("payments.counter_field_required");

        var details = (await _host.SendAsync(new GetPayment(results[0].Value.PaymentId))).Value;
        details.Payment.Channel.ShouldBe(PaymentChannel.Cash);
        (details.Centre, details.Terminal, details.Operator).ShouldBe(("Centrul 1", "POS-2", "staff:" + cashier.StaffId));
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), invoice.InvoiceId.ToString())).Count.ShouldBe(1);

        var html = (await _host.SendAsync(new GetReceipt(results[0].Value.PaymentId, ReceiptFormat.Html, "ro"))).Value;
        var text = Encoding.UTF8.GetString(html.Content);
        text.ShouldContain("Chitanță de plată");
        text.ShouldContain(results[0].Value.ReceiptNumber);
        text.ShouldContain("80,00 RON");
        text.ShouldContain("(numerar la casierie)");
        text.ShouldContain("Încasat de: <strong>Apa &amp; Canal Test SA</strong> &middot; CIF RO1234567 &middot; Str. Apei 1, Giurgiu");
        (await _host.SendAsync(new GetReceipt(results[0].Value.PaymentId, ReceiptFormat.Pdf))).Error.Code.ShouldBe("payments.pdf_unavailable");
    }

    [DbFact]
    public async Task No_card_number_is_stored_or_logged()
    {
        const string card = "4111 1111 1111 1111";
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var csv = $"ID tranzactie;Data;Cod client;Suma;Terminal;Card\nc-{customer.ClientCode};24.11.2026;{card};10,00;T-1;4012888888881881\n" +
                  $"d-{customer.ClientCode};24.11.2026;{customer.ClientCode};10,00;T-1;5555555555554444\n";
        await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), "cards.csv"));
        using var statement = Camt.Statement(Camt.Entry("12.00", text: $"card {card} plata"), Camt.Entry("13.00", structuredRef: "4111111111111111"));
        var report = (await _host.SendAsync(new ImportBankStatement(statement, "cards.xml"))).Value;
        report.Lines.ShouldAllBe(l => l.Reference == null || !ContainsCard(l.Reference));
        await _host.SendAsync(new RecordCounterPayment(customer.ClientCode, [], 5m, "RON", CounterMethod.Card, "C", "T", "k-" + customer.ClientCode));

        var stored = await AllStoredStringsAsync();
        stored.Count.ShouldBeGreaterThan(10);
        string.Join(" | ", stored.Where(ContainsCard)).ShouldBeEmpty();
        _host.Logs.Messages.Where(ContainsCard).ShouldBeEmpty();
    }

    private async Task<List<string>> AllStoredStringsAsync()
    {
        await using var scope = _host.BeginScope();
        var db = scope.Resolve<Persistence.PaymentsDbContext>();
        var values = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var tables = db.Model.GetEntityTypes().Select(e => (e.GetSchema(), e.GetTableName()!)).Distinct().ToList();
        foreach (var (schema, table) in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {(schema is null ? string.Empty : $"\"{schema}\".")}\"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string s)
                    {
                        values.Add(s);
                    }
                }
            }
        }

        return values;
    }

    /// <summary>
    /// Whether a text holds one of the card numbers this test fed in, with or without spaces or dashes. Any Luhn-valid
    /// run would also match random identifiers stored meanwhile (one GUID in a few thousand), so the scan looks for these.
    /// </summary>
    private static bool ContainsCard(string text) =>
        DigitRun().Matches(text).Any(m =>
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            return FedCards.Any(card => digits.Contains(card, StringComparison.Ordinal));
        });

    private static readonly string[] FedCards = ["4111111111111111", "4012888888881881", "5555555555554444"];

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")));

    [GeneratedRegex(@"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)")]
    private static partial Regex DigitRun();
}

public sealed class SqliteOfflinePaymentTests(SqliteDatabase database) : OfflinePaymentTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresOfflinePaymentTests(PostgresDatabase database) : OfflinePaymentTests(database), IClassFixture<PostgresDatabase>;
