using Modular.Requests.Contracts;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>The field system's acts CSV: idempotent across repeated and overlapping files, bad rows reported, changed acts reported.</summary>
public abstract class ActImportTests(TestDatabase database) : IAsyncLifetime
{
    private const string Header = "number,contract,type,date,inspector,findings,serial1,index1,date1,serial2,index2,date2";

    private ActsHost _host = null!;

    public async Task InitializeAsync() => _host = await ActsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Row(int n, string contract, string type = "verification", string date = "2026-11-20", string findings = "Seal intact",
        string readings = ",,,,,") => $"{_host.Number(n)},{contract},{type},{date},F-112,{findings},{readings}";

    [DbFact]
    public async Task Importing_the_same_file_twice_stores_each_act_once_and_reports_the_bad_rows_both_times()
    {
        var contract = _host.World.AddContract();
        var csv = string.Join("\n", Header,
            Row(1, contract.ContractNumber),
            Row(2, contract.ContractNumber, type: "connection_check", findings: "\"Valve works, well dry\""),
            Row(3, "CT-NOSUCH"),
            Row(4, contract.ContractNumber, date: "2026-13-01"),
            Row(5, contract.ContractNumber, type: "painting"),
            Row(6, contract.ContractNumber, date: "2026-12-24"),
            Row(7, contract.ContractNumber, readings: "SN-1,-5,,,,")) + "\n";

        var first = await _host.ImportAsync(csv);
        var second = await _host.ImportAsync(csv);

        first.Rows.ShouldBe(7);
        first.Imported.ShouldBe(2);
        first.Unchanged.ShouldBe(0);
        second.Imported.ShouldBe(0);
        second.Unchanged.ShouldBe(2);
        foreach (var report in new[] { first, second })
        {
            report.Rejected.Select(r => (r.Line, r.Code)).ShouldBe(
            [
                (4, "acts.contract_not_found"),
                (5, "acts.date_invalid"),
                (6, "acts.type_invalid"),
                (7, "acts.date_in_future"),
                (8, "acts.reading_index_invalid"),
            ]);
        }

        var acts = await _host.ActsAsync();
        acts.Select(a => a.Number).Order().ShouldBe([_host.Number(1), _host.Number(2)]);
        acts.Single(a => a.Number == _host.Number(2)).Type.ShouldBe(ActType.ConnectionCheck);
        acts.Single(a => a.Number == _host.Number(2)).Findings.ShouldBe("Valve works, well dry");
        acts.ShouldAllBe(a => a.ContractId == contract.ContractId && a.CustomerId == contract.CustomerId && a.Source == ActSource.Import);
    }

    [DbFact]
    public async Task Overlapping_files_store_each_act_once()
    {
        var contract = _host.World.AddContract();
        var a = await _host.ImportAsync(string.Join("\n", Header, Row(1, contract.ContractNumber), Row(2, contract.ContractNumber)));
        var b = await _host.ImportAsync(string.Join("\n", Header, Row(2, contract.ContractNumber), Row(3, contract.ContractNumber)));

        (a.Imported, a.Unchanged).ShouldBe((2, 0));
        (b.Imported, b.Unchanged).ShouldBe((1, 1));
        b.Rejected.ShouldBeEmpty();
        (await _host.ActsAsync()).Count.ShouldBe(3);
    }

    [DbFact]
    public async Task A_changed_act_under_a_stored_number_is_reported_and_left_as_it_was()
    {
        var contract = _host.World.AddContract();
        await _host.ImportAsync(string.Join("\n", Header, Row(1, contract.ContractNumber, findings: "Seal intact")));

        var changed = await _host.ImportAsync(string.Join("\n", Header, Row(1, contract.ContractNumber, findings: "Seal broken")));

        changed.Imported.ShouldBe(0);
        changed.Rejected.ShouldHaveSingleItem().ShouldBe(new ActImportRowError(2, _host.Number(1), "acts.changed"));
        (await _host.ActsAsync()).ShouldHaveSingleItem().Findings.ShouldBe("Seal intact");
    }

    [DbFact]
    public async Task One_number_twice_in_a_file_with_different_content_is_reported_once_and_the_first_row_stored()
    {
        var contract = _host.World.AddContract();
        var report = await _host.ImportAsync(string.Join("\n", Header,
            Row(1, contract.ContractNumber, findings: "A"), Row(1, contract.ContractNumber, findings: "A"), Row(1, contract.ContractNumber, findings: "B")));

        (report.Imported, report.Unchanged).ShouldBe((1, 1));
        report.Rejected.ShouldHaveSingleItem().ShouldBe(new ActImportRowError(4, _host.Number(1), "acts.duplicate_in_file"));
    }

    [DbFact]
    public async Task Readings_in_columns_are_stored_with_the_act_and_a_reading_without_a_date_takes_the_acts()
    {
        var contract = _host.World.AddContract();
        await _host.ImportAsync(string.Join("\n", Header, Row(1, contract.ContractNumber, readings: "SN-A,123.5,2026-11-19,SN-B,7,")));

        var act = (await _host.ActsAsync()).ShouldHaveSingleItem();
        act.Readings.OrderBy(r => r.Serial).Select(r => (r.Serial, r.Index, r.Date, r.State)).ShouldBe(
        [
            ("SN-A", 123.5m, new NodaTime.LocalDate(2026, 11, 19), ActReadingState.Pending),
            ("SN-B", 7m, new NodaTime.LocalDate(2026, 11, 20), ActReadingState.Pending),
        ]);
    }

    [DbFact]
    public async Task Signed_pdfs_come_from_a_zip_by_act_number_and_a_spoofed_or_unmatched_one_is_reported()
    {
        var contract = _host.World.AddContract();
        var pdf = ActsHost.Pdf("act 1");
        using var zip = ActsHost.Zip(
            (_host.Number(1) + ".pdf", pdf),
            (_host.Number(2) + ".pdf", "MZ\u0090 this is a program renamed to .pdf"u8.ToArray()),
            ("ZZ-9999.pdf", ActsHost.Pdf("nobody's")));

        var report = await _host.ImportAsync(string.Join("\n", Header, Row(1, contract.ContractNumber), Row(2, contract.ContractNumber)), zip);

        report.Imported.ShouldBe(2);
        report.DocumentsAttached.ShouldBe(1);
        report.DocumentsRejected.Select(d => (d.FileName, d.Code)).Order().ShouldBe(
            [(_host.Number(2) + ".pdf", "acts.document_not_pdf"), ("ZZ-9999.pdf", "acts.document_unmatched")]);
        var acts = await _host.ActsAsync();
        var withDocument = acts.Single(a => a.Number == _host.Number(1));
        var document = await _host.SendAsync(new GetActDocument(withDocument.Id));
        document.Value.Content.ShouldBe(pdf);
        document.Value.ContentType.ShouldBe("application/pdf");
        acts.Single(a => a.Number == _host.Number(2)).DocumentKey.ShouldBeNull();
    }

    [DbFact]
    public async Task A_file_without_the_acts_columns_is_refused_whole()
    {
        using var stream = new MemoryStream("serial,date,index\nSN-1,2026-11-01,5\n"u8.ToArray());
        var result = await _host.SendAsync(new ImportActs(stream));
        result.Error.Code.ShouldBe("acts.csv_invalid");
    }

    [DbFact]
    public async Task Only_staff_with_acts_manage_may_import()
    {
        foreach (var role in new[] { Core.Access.StaffRoles.Cashier, Core.Access.StaffRoles.CustomerService })
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Header + "\n"));
            (await _host.SendAsync(new ImportActs(stream), ActsHost.Staff(role))).Error.Code.ShouldBe(Core.Results.CoreErrors.Forbidden);
        }

        using var ok = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Header + "\n"));
        (await _host.SendAsync(new ImportActs(ok), ActsHost.Supervisor)).IsSuccess.ShouldBeTrue();
    }
}

public sealed class SqliteActImportTests(SqliteDatabase database) : ActImportTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresActImportTests(PostgresDatabase database) : ActImportTests(database), IClassFixture<PostgresDatabase>;
