using Microsoft.EntityFrameworkCore;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>camt.053 imports: every shared sample file, matching, batches, reversals, idempotency, bad files.</summary>
public abstract class BankStatementTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, int, int, string> SharedFiles => new()
    {
        // file, credits imported, entries skipped (debits), total of the credits
        { "camt053.v2.all-balance-types.xml", 1, 0, "8.85 EUR" },
        { "camt053.v2.five.decimals.xml", 1, 0, "8.85 EUR" },
        { "camt053.v2.minimal.ultimate.xml", 1, 0, "8.85 EUR" },
        { "camt053.v2.minimal.xml", 1, 0, "8.85 EUR" },
        { "camt053.v2.multi.statement.xml", 1, 1, "8.85 EUR" },
        { "camt053.v2.with-account-name.xml", 1, 0, "8.85 EUR" },
        { "camt053.v2.with-party-ids.xml", 1, 0, "8.85 EUR" },
        { "camt053.v3.xml", 1, 0, "8.85 EUR" },
        { "camt053.v4.xml", 1, 0, "8.85 EUR" },
        { "camt053.v8.xml", 1, 0, "8.85 EUR" },
        { "camt53.only-Dt-with-DtTm.xml", 0, 0, "" },
    };

    [DbFact]
    public void Every_shared_camt053_file_is_covered_by_the_import_tests()
    {
        var files = Directory.GetFiles(SharedData.Camt053Folder, "*.xml").Select(f => Path.GetFileName(f)!).Order().ToList();
        var covered = SharedFiles.Select(row => (string)row[0]).Append("camt053.v2.wrong.xml").Order().ToList();
        files.ShouldBe(covered);
    }

    [DbTheory]
    [MemberData(nameof(SharedFiles))]
    public async Task A_shared_camt053_file_imports_its_credits_with_their_amounts(string file, int credits, int skipped, string total)
    {
        // Each file gets an empty database: several samples describe the very same bank entry and would be duplicates.
        var fresh = await database.CreateSiblingAsync();
        try
        {
            await using var host = await PaymentsHost.StartAsync(fresh);
            await using var content = File.OpenRead(Path.Combine(SharedData.Camt053Folder, file));
            var report = (await host.SendAsync(new ImportBankStatement(content, file))).Value;
            (report.Matched + report.Unmatched).ShouldBe(credits);
            report.Skipped.ShouldBe(skipped);
            report.Rejected.ShouldBe(0);
            var suspense = (await host.SendAsync(new ListSuspense())).Value;
            suspense.Count.ShouldBe(credits);
            string.Join(",", suspense.GroupBy(s => s.Amount.Currency).Select(g => new Money(g.Sum(s => s.Amount.Amount), g.Key).ToString())).ShouldBe(total);
            suspense.ShouldAllBe(s => s.Reason == (s.Reference == null ? "payments.line_no_reference" : "payments.line_reference_unknown"));

            await using var again = File.OpenRead(Path.Combine(SharedData.Camt053Folder, file));
            var second = (await host.SendAsync(new ImportBankStatement(again, file))).Value;
            second.Duplicates.ShouldBe(credits + skipped == 0 ? 0 : credits);
            (await host.SendAsync(new ListSuspense())).Value.Count.ShouldBe(credits);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [DbFact]
    public async Task The_malformed_shared_file_is_rejected_and_nothing_is_stored()
    {
        var before = await CountsAsync();
        await using var content = File.OpenRead(Path.Combine(SharedData.Camt053Folder, "camt053.v2.wrong.xml"));
        var result = await _host.SendAsync(new ImportBankStatement(content, "wrong.xml"));
        result.Error.Code.ShouldBe("payments.statement_invalid");
        (await CountsAsync()).ShouldBe(before);
    }

    [DbFact]
    public async Task A_file_broken_after_good_entries_stores_nothing()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var before = await CountsAsync();
        var xml = System.Text.Encoding.UTF8.GetString(Camt.Statement(Camt.Entry("10.00", customer.ClientCode)).ToArray());
        using var truncated = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml[..^40]));
        (await _host.SendAsync(new ImportBankStatement(truncated, "broken.xml"))).Error.Code.ShouldBe("payments.statement_invalid");
        (await CountsAsync()).ShouldBe(before);
    }

    [DbFact]
    public async Task A_shared_sample_reference_that_is_a_client_code_is_matched_to_the_customer()
    {
        var fresh = await database.CreateSiblingAsync();
        try
        {
            // The sample is in EUR: a utility billing in EUR (Latvia) takes it for the customer.
            await using var host = await PaymentsHost.StartAsync(fresh, new Dictionary<string, string?> { ["Modular:Payments:Currency"] = "EUR" });
            var customer = host.World.AddCustomer("4654654654654654");
            host.World.Customers["4654654654654654"] = customer;
            await using var content = File.OpenRead(Path.Combine(SharedData.Camt053Folder, "camt053.v8.xml"));
            var report = (await host.SendAsync(new ImportBankStatement(content, "v8.xml"))).Value;
            report.Matched.ShouldBe(1);
            report.MatchedTotals.ShouldBe([Money.Of(8.85m, "EUR")]);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [DbFact]
    public async Task Credits_are_matched_by_structured_reference_then_invoice_number_or_client_code_in_the_text()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var invoice = _host.World.AddInvoice(customer, "AP " + Random.Shared.Next(100_000, 999_999), 300m);
        var other = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        using var file = Camt.Statement(
            Camt.Entry("100.00", structuredRef: invoice.Number),
            Camt.Entry("50.00", text: $"Plata factura {invoice.Number} multumesc"),
            Camt.Entry("25.00", text: $"cod client {other.ClientCode}"),
            Camt.Entry("12.34", text: "no reference here 42"),
            Camt.Entry("99.00", structuredRef: "X", credit: false));
        var report = (await _host.SendAsync(new ImportBankStatement(file, "day.xml"))).Value;
        report.Total.ShouldBe(5);
        report.Matched.ShouldBe(3);
        report.Unmatched.ShouldBe(1);
        report.Skipped.ShouldBe(1);
        report.MatchedTotals.ShouldBe([Money.Of(175m, "RON")]);
        report.Lines.ShouldContain(l => l.Outcome == ImportLineOutcome.Unmatched && l.Reason == "payments.line_reference_unknown" && l.Amount == Money.Of(12.34m, "RON"));
        var events = await _host.OutboxPayloadsAsync(nameof(PaymentSettled), invoice.InvoiceId.ToString());
        events.Count.ShouldBe(2);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), other.CustomerId.ToString())).Count.ShouldBe(1);
    }

    [DbFact]
    public async Task Five_decimal_amounts_are_rounded_half_away_from_zero()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        using var file = Camt.Statement(Camt.Entry("10.12500", customer.ClientCode), Camt.Entry("3.00499", customer.ClientCode));
        var report = (await _host.SendAsync(new ImportBankStatement(file, "five.xml"))).Value;
        report.MatchedTotals.ShouldBe([Money.Of(13.13m, "RON")]);
    }

    [DbFact]
    public async Task A_batched_entry_becomes_one_payment_per_transaction()
    {
        var a = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var b = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        using var file = Camt.Statement(
            Camt.Entry("30.00", batch: [$"10.00|{a.ClientCode}", $"20.00|{b.ClientCode}"]),
            Camt.Entry("31.00", batch: [$"10.00|{a.ClientCode}", $"20.00|{b.ClientCode}"]));
        var report = (await _host.SendAsync(new ImportBankStatement(file, "batch.xml"))).Value;
        report.Matched.ShouldBe(2);
        report.Rejected.ShouldBe(1);
        report.Lines.ShouldContain(l => l.Reason == "payments.line_batch_amounts_differ");
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), a.CustomerId.ToString())).Count.ShouldBe(1);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), b.CustomerId.ToString())).Count.ShouldBe(1);
    }

    [DbFact]
    public async Task A_reversal_takes_back_the_earlier_credit_and_tells_billing()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var stranger = "ZZ" + Random.Shared.Next(1_000_000, 9_999_999);
        using (var day1 = Camt.Statement(Camt.Entry("40.00", customer.ClientCode, bankRef: "E1" + customer.ClientCode), Camt.Entry("7.00", stranger, bankRef: "E2" + stranger)))
        {
            (await _host.SendAsync(new ImportBankStatement(day1, "d1.xml"))).Value.Matched.ShouldBe(1);
        }

        using var day2 = Camt.Statement(
            Camt.Entry("40.00", customer.ClientCode, bankRef: "R1" + customer.ClientCode, credit: false, reversal: true),
            Camt.Entry("7.00", stranger, bankRef: "R2" + stranger, credit: false, reversal: true),
            Camt.Entry("5.00", "nothing-" + stranger, bankRef: "R3" + stranger, credit: false, reversal: true));
        var report = (await _host.SendAsync(new ImportBankStatement(day2, "d2.xml"))).Value;
        report.Reversed.ShouldBe(2);
        report.Rejected.ShouldBe(1);
        report.Lines.ShouldContain(l => l.Reason == "payments.line_reversal_without_original");
        var payments = (await _host.SendAsync(new GetMyPayments(500))).Value.Where(p => p.CustomerId == customer.CustomerId).ToList();
        payments.Single().Status.ShouldBe(PaymentStatus.Reversed);
        (await _host.OutboxPayloadsAsync(nameof(PaymentReversed), payments.Single().PaymentId.ToString())).Count.ShouldBe(1);
        (await _host.SendAsync(new ListSuspense(OpenOnly: false))).Value.ShouldContain(s => s.Reference == stranger && s.Status == SuspenseStatus.Reversed);

        day2.Position = 0;
        (await _host.SendAsync(new ImportBankStatement(day2, "d2.xml"))).Value.Duplicates.ShouldBe(2);
    }

    [DbFact]
    public async Task An_overlapping_statement_adds_only_the_new_entries()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var e1 = Camt.Entry("1.00", customer.ClientCode);
        var e2 = Camt.Entry("2.00", customer.ClientCode);
        var e3 = Camt.Entry("3.00", customer.ClientCode);
        using (var first = Camt.Statement(e1, e2))
        {
            (await _host.SendAsync(new ImportBankStatement(first, "a.xml"))).Value.Matched.ShouldBe(2);
        }

        using var overlapping = Camt.Statement(e2, e3, e3);
        var report = (await _host.SendAsync(new ImportBankStatement(overlapping, "b.xml"))).Value;
        report.Duplicates.ShouldBe(1);
        report.Matched.ShouldBe(2);
        (await _host.SendAsync(new GetMyPayments(500))).Value.Count(p => p.CustomerId == customer.CustomerId).ShouldBe(4);
    }

    [DbFact]
    public async Task The_same_statement_imported_concurrently_is_stored_once()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var entries = Enumerable.Range(1, 20).Select(i => Camt.Entry(i + ".00", customer.ClientCode)).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _host.SendAsync(new ImportBankStatement(Camt.Statement(entries), "same.xml"))));
        results.ShouldAllBe(r => r.IsSuccess);
        (await _host.SendAsync(new GetMyPayments(500))).Value.Count(p => p.CustomerId == customer.CustomerId).ShouldBe(20);
    }

    [DbFact]
    public async Task Suspense_money_is_assigned_to_a_customer_once()
    {
        var unknown = "ZZ" + Random.Shared.Next(1_000_000, 9_999_999);
        using var file = Camt.Statement(Camt.Entry("64.00", unknown));
        await _host.SendAsync(new ImportBankStatement(file, "s.xml"));
        var item = (await _host.SendAsync(new ListSuspense())).Value.Single(s => s.Reference == unknown);
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        (await _host.SendAsync(new AssignSuspense(item.SuspenseId, "nobody", []))).Error.Code.ShouldBe("payments.customer_not_found");
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _host.SendAsync(new AssignSuspense(item.SuspenseId, customer.ClientCode, []))));
        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "payments.suspense_not_open");
        var payment = (await _host.SendAsync(new GetPayment(results.Single(r => r.IsSuccess).Value))).Value;
        payment.Payment.Amount.ShouldBe(Money.Of(64m, "RON"));
        payment.Payment.Channel.ShouldBe(PaymentChannel.BankTransfer);
        (await _host.SendAsync(new ListSuspense())).Value.ShouldNotContain(s => s.SuspenseId == item.SuspenseId);
    }

    [DbFact]
    public async Task Portal_users_cannot_import_or_see_the_suspense_list()
    {
        using var file = Camt.Statement(Camt.Entry("1.00", "x1"));
        var user = _host.World.UserOf();
        (await _host.SendAsync(new ImportBankStatement(file, "x.xml"), user)).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(new ListSuspense(), user)).Error.Code.ShouldBe("core.forbidden");
    }

    private Task<(int, int, int)> CountsAsync() => _host.WithDbAsync(async db =>
        (await db.Payments.CountAsync(), await db.Suspense.CountAsync(), await db.Imports.CountAsync()));
}

public sealed class SqliteBankStatementTests(SqliteDatabase database) : BankStatementTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresBankStatementTests(PostgresDatabase database) : BankStatementTests(database), IClassFixture<PostgresDatabase>;
