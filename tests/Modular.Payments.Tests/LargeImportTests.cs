using System.Text;
using Microsoft.EntityFrameworkCore;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>Files larger than one import batch: lines are prepared ahead of the writes, and all batches are one transaction.</summary>
public abstract class LargeImportTests(TestDatabase database) : IAsyncLifetime
{
    private const int BatchSize = 100;
    private PaymentsHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await PaymentsHost.StartAsync(database, new Dictionary<string, string?> { ["Modular:Payments:ImportBatchSize"] = BatchSize.ToString() });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_file_of_several_batches_records_each_line_once_and_finds_repeats_inside_and_across_batches()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, 350).Select(i => $"{prefix}-{i}").ToList();
        ids[31] = ids[30];   // same batch
        ids[220] = ids[20];  // a later batch
        var csv = "ID tranzactie;Data;Cod client;Suma;Terminal\n" +
                  string.Concat(ids.Select(id => $"{id};24.11.2026;{customer.ClientCode};1,00;T-1\n"));

        var report = (await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), "big.csv"))).Value;

        (report.Total, report.Matched, report.Duplicates).ShouldBe((350, 348, 2));
        report.Lines.Where(l => l.Outcome == ImportLineOutcome.Duplicate).Select(l => l.Line).ShouldBe([33, 222], ignoreOrder: true); // spreadsheet rows: the header is row 1
        (await CountAsync(customer.CustomerId)).ShouldBe((348, 348));

        var again = (await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), "big.csv"))).Value;
        (again.Matched, again.Duplicates).ShouldBe((0, 350));
        (await CountAsync(customer.CustomerId)).ShouldBe((348, 348));
    }

    [DbFact]
    public async Task The_same_large_file_imported_three_times_at_once_is_stored_once()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var csv = "ID tranzactie;Data;Cod client;Suma;Terminal\n" +
                  string.Concat(Enumerable.Range(0, 320).Select(i => $"{prefix}-{i};24.11.2026;{customer.ClientCode};1,00;T-1\n"));

        var reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), "same.csv"))));

        reports.ShouldAllBe(r => r.IsSuccess);
        reports.Sum(r => r.Value.Matched).ShouldBe(320);
        reports.Sum(r => r.Value.Duplicates).ShouldBe(640);
        (await CountAsync(customer.CustomerId)).ShouldBe((320, 320));
    }

    [DbFact]
    public async Task A_statement_that_breaks_after_several_batches_stores_nothing_at_all()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var entries = Enumerable.Range(0, 450).Select(i => Camt.Entry("2.00", structuredRef: customer.ClientCode, bankRef: $"B{customer.ClientCode}-{i}")).ToArray();
        using var whole = Camt.Statement(entries);
        var xml = Encoding.UTF8.GetString(whole.ToArray());
        var broken = xml[..xml.IndexOf($"B{customer.ClientCode}-400<", StringComparison.Ordinal)] + "<Amt Ccy=\"RON\">oops</Ntry></Stmt>";
        var imports = await _host.WithDbAsync(db => db.Imports.CountAsync());

        var result = await _host.SendAsync(new ImportBankStatement(new MemoryStream(Encoding.UTF8.GetBytes(broken)), "broken.xml"));

        result.Error.Code.ShouldBe("payments.statement_invalid");
        (await CountAsync(customer.CustomerId)).ShouldBe((0, 0));
        (await _host.WithDbAsync(db => db.Imports.CountAsync())).ShouldBe(imports);

        // The intact file still imports afterwards: the failed attempt left no keys behind.
        whole.Position = 0;
        (await _host.SendAsync(new ImportBankStatement(whole, "whole.xml"))).Value.Matched.ShouldBe(450);
    }

    [DbFact]
    public async Task Indexes_that_serve_only_online_or_counter_payments_hold_no_imported_rows()
    {
        var definitions = await _host.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsSqlite()
                ? "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments_payments' AND sql IS NOT NULL"
                : "SELECT indexdef FROM pg_indexes WHERE schemaname = 'payments' AND tablename = 'payments'";
            var found = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add(reader.GetString(0));
            }

            return found;
        });

        definitions.Count(d => d.Contains("WHERE", StringComparison.OrdinalIgnoreCase)).ShouldBe(5);
        // The cashier's day reads counter payments by who took them; imported money has no operator.
        definitions.ShouldContain(d => d.Contains("Operator") && d.Contains("IS NOT NULL", StringComparison.OrdinalIgnoreCase));
        definitions.ShouldContain(d => d.Contains("IdempotencyKey") && d.Contains("IS NOT NULL", StringComparison.OrdinalIgnoreCase));
        definitions.ShouldContain(d => d.Contains("Status") && d.Contains("'Pending'"));
    }

    /// <summary>Payments of the customer, and the settlement events that mention it.</summary>
    private async Task<(int Payments, int Events)> CountAsync(Guid customerId)
    {
        var payments = await _host.WithDbAsync(db => db.Payments.CountAsync(p => p.CustomerId == customerId));
        var events = (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), customerId.ToString())).Count;
        return (payments, events);
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}

public sealed class SqliteLargeImportTests(SqliteDatabase database) : LargeImportTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresLargeImportTests(PostgresDatabase database) : LargeImportTests(database), IClassFixture<PostgresDatabase>;
