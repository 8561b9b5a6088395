using System.Net;
using System.Text;
using Modular.Core.Access;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>The imports screens: an imported file's rejected lines and their reasons, for those who work the suspense list.</summary>
public abstract class ImportScreenTests(DemoPortal demo)
{
    [DbFact]
    public async Task A_supervisor_reads_an_imported_file_s_rejected_lines_with_their_reasons()
    {
        var (import, file) = await ImportStatementWithABadEntryAsync();
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));

        (await browser.GetStringAsync("/staff")).ShouldContain("href=\"/staff/imports\"");
        (await browser.GetStringAsync("/staff/imports")).ShouldContain($"href=\"/staff/imports/{import.ImportId}\"");

        var rejected = WebUtility.HtmlDecode(await browser.GetStringAsync($"/staff/imports/{import.ImportId}"));
        rejected.ShouldContain(file);
        rejected.ShouldContain("Linii respinse");
        rejected.ShouldContain("Suma sau moneda nu este validă."); // the reason, in the staff member's language
        rejected.ShouldNotContain("Neidentificată (în așteptare)"); // only rejected lines unless asked for all

        var all = WebUtility.HtmlDecode(await browser.GetStringAsync($"/staff/imports/{import.ImportId}?all=true"));
        all.ShouldContain("Neidentificată (în așteptare)");
        all.ShouldContain("href=\"/staff/suspense\"");

        (await browser.GetAsync($"/staff/imports/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Cashiers_and_customer_service_do_not_reach_the_imports_screens()
    {
        var (import, _) = await ImportStatementWithABadEntryAsync();
        foreach (var role in new[] { StaffRoles.Cashier, StaffRoles.CustomerService })
        {
            var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));
            (await browser.GetAsync("/staff/imports")).ShouldBeRefused();
            (await browser.GetAsync($"/staff/imports/{import.ImportId}")).ShouldBeRefused();
            (await browser.GetStringAsync("/staff")).ShouldNotContain("href=\"/staff/imports\"");
        }

        (await demo.Portal.Client(https: true).GetAsync("/staff/imports")).ShouldBeSentToStaffSignIn();
    }

    /// <summary>A camt.053 statement with one transfer nobody's reference matches and one entry whose amount is unreadable.</summary>
    private async Task<(ImportReport Report, string File)> ImportStatementWithABadEntryAsync()
    {
        var reference = "NX" + Random.Shared.Next(1_000_000, 9_999_999);
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><GrpHdr><MsgId>W1</MsgId></GrpHdr>" +
            "<Stmt><Id>W1</Id><Acct><Id><IBAN>RO49AAAA1B31007593840001</IBAN></Id></Acct>" +
            Entry(reference, "12.00") + Entry(reference + "B", "12,x0") +
            "</Stmt></BkToCstmrStmt></Document>";
        var file = reference + ".xml";
        var report = await demo.AsSystemAsync(async m =>
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(xml));
            return (await m.Send(new ImportBankStatement(content, file))).Value;
        });
        (report.Unmatched, report.Rejected).ShouldBe((1, 1));
        return (report, file);
    }

    private static string Entry(string reference, string amount) =>
        $"<Ntry><NtryRef>{reference}</NtryRef><Amt Ccy=\"RON\">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>false</RvslInd>" +
        "<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-24</Dt></BookgDt><ValDt><Dt>2026-11-24</Dt></ValDt><NtryDtls><TxDtls>" +
        $"<RmtInf><Ustrd>{reference}</Ustrd></RmtInf><RltdPties><Dbtr><Pty><Nm>Maria Ionescu</Nm></Pty></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>";
}

public sealed class SqliteImportScreenTests(SqliteDemoPortal demo) : ImportScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresImportScreenTests(PostgresDemoPortal demo) : ImportScreenTests(demo), IClassFixture<PostgresDemoPortal>;
