using System.Text;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>An import's report kept with it: the lines that were not simply matched, readable later on the imports screen.</summary>
public abstract class ImportReportTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;

    private readonly Caller _supervisor = Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]);

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task An_import_keeps_its_rejected_and_unmatched_lines_with_their_reasons_in_file_order()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var tx = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            ID tranzactie;Data;Cod client;Suma;Terminal
            {tx}-1;24.11.2026;{customer.ClientCode};120,50;T-7
            {tx}-2;24.11.2026;{customer.ClientCode};abc;T-7
            {tx}-3;2026-11-24;{customer.ClientCode};10,00;T-7
            {tx}-4;24.11.2026;UNKNOWN{tx};15,00;T-8
            """;
        var report = (await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), tx + ".csv"))).Value;

        var details = (await _host.SendAsync(new GetImport(report.ImportId), _supervisor)).Value;
        details.Import.FileName.ShouldBe(tx + ".csv");
        details.Import.Source.ShouldBe(report.Source);
        (details.Import.Total, details.Import.Matched, details.Import.Unmatched, details.Import.Rejected).ShouldBe((4, 1, 1, 2));
        details.Import.ImportedAt.ShouldBe(_host.Clock.GetCurrentInstant());
        details.Lines.Select(l => (l.Line, l.Outcome, l.Reason)).ShouldBe([
            (3, ImportLineOutcome.Rejected, "payments.line_bad_amount"), // the file's line numbers: the header is line 1
            (4, ImportLineOutcome.Rejected, "payments.line_bad_date"),
            (5, ImportLineOutcome.Unmatched, "payments.line_reference_unknown"),
        ]);
        details.Lines.ShouldBe(report.Lines.OrderBy(l => l.Line).ToList());
        details.Lines.Single(l => l.Line == 5).Amount.ShouldBe(Money.Of(15m, "RON"));

        var list = (await _host.SendAsync(new ListImports(1_000), _supervisor)).Value;
        list.ShouldContain(i => i.ImportId == report.ImportId && i.Rejected == 2 && i.FileName == tx + ".csv");
    }

    [DbFact]
    public async Task A_file_imported_again_keeps_a_second_report_of_duplicates_and_the_first_stays_as_it_was()
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var tx = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            ID tranzactie;Data;Cod client;Suma;Terminal
            {tx}-1;24.11.2026;{customer.ClientCode};20,00;T-7
            {tx}-2;24.11.2026;{customer.ClientCode};-1;T-7
            """;
        // later than the imports of other tests sharing the database, so both are among the newest listed
        _host.Clock.Advance(Duration.FromDays(40));
        var first = (await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), "a.csv"))).Value;
        _host.Clock.Advance(Duration.FromMinutes(1));
        var second = (await _host.SendAsync(new ImportPartnerFile("PayPoint", Stream(csv), "a.csv"))).Value;

        var firstLines = (await _host.SendAsync(new GetImport(first.ImportId), _supervisor)).Value.Lines;
        firstLines.Select(l => l.Outcome).ShouldBe([ImportLineOutcome.Rejected]);
        var secondLines = (await _host.SendAsync(new GetImport(second.ImportId), _supervisor)).Value.Lines;
        secondLines.Select(l => (l.Line, l.Outcome)).ShouldBe([(2, ImportLineOutcome.Duplicate), (3, ImportLineOutcome.Rejected)]);
        var list = (await _host.SendAsync(new ListImports(), _supervisor)).Value.Select(i => i.ImportId).ToList();
        list.IndexOf(second.ImportId).ShouldBeLessThan(list.IndexOf(first.ImportId));
    }

    [DbFact]
    public async Task An_unknown_import_is_not_found_and_a_cashier_may_not_read_imports()
    {
        (await _host.SendAsync(new GetImport(Guid.NewGuid()), _supervisor)).Error.Code.ShouldBe("payments.import_not_found");
        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier]);
        (await _host.SendAsync(new ListImports(), cashier)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(new GetImport(Guid.NewGuid()), cashier)).Error.Code.ShouldBe(CoreErrors.Forbidden);
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")));
}

public sealed class SqliteImportReportTests(SqliteDatabase database) : ImportReportTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresImportReportTests(PostgresDatabase database) : ImportReportTests(database), IClassFixture<PostgresDatabase>;
