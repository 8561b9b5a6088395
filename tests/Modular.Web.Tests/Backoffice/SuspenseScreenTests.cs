using System.Globalization;
using System.Net;
using System.Text;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>The suspense screens: who reaches them, assigning money to a customer's invoice once, splitting and returning.</summary>
public abstract class SuspenseScreenTests(DemoPortal demo)
{
    [DbFact]
    public async Task Only_supervisors_and_administrators_reach_the_suspense_screens_and_their_posts()
    {
        var entry = await UnmatchedAsync(12.34m);
        foreach (var role in new[] { StaffRoles.Supervisor, StaffRoles.Administrator })
        {
            var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));
            (await browser.GetAsync("/staff/suspense")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await browser.GetStringAsync("/staff")).ShouldContain("href=\"/staff/suspense\"");
        }

        foreach (var role in new[] { StaffRoles.Cashier, StaffRoles.CustomerService })
        {
            var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));
            (await browser.GetAsync("/staff/suspense")).ShouldBeRefused();
            (await browser.GetAsync($"/staff/suspense/{entry.SuspenseId}")).ShouldBeRefused();
            (await browser.GetStringAsync("/staff")).ShouldNotContain("href=\"/staff/suspense\"");
            foreach (var (handler, field, value) in new[] { ("Assign", "ClientCode", demo.Bob.Customer.ClientCode), ("Return", "Reason", "x"), ("Split", "Amounts", "6;6,34") })
            {
                (await StaffDesk.PostAsync(browser, "/staff", $"/staff/suspense/{entry.SuspenseId}?handler={handler}", (field, value))).ShouldBeRefused();
            }
        }

        (await demo.Portal.Client(https: true).GetAsync("/staff/suspense")).ShouldBeSentToStaffSignIn();
        (await EntryAsync(entry.SuspenseId)).Entry.Status.ShouldBe(SuspenseStatus.Open);
    }

    [DbFact]
    public async Task A_supervisor_assigns_money_to_the_invoice_it_pays_and_a_second_submit_changes_nothing()
    {
        var invoice = demo.Bob.Invoices.First(i => i.Status != InvoiceStatus.Paid && i.Remaining.Amount > 0);
        var entry = await UnmatchedAsync(invoice.Remaining.Amount);
        var supervisor = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var browser = await demo.SignInAsync(supervisor);

        (await browser.GetStringAsync("/staff/suspense")).ShouldContain(entry.Reference!);
        WebUtility.HtmlDecode(await browser.GetStringAsync($"/staff/suspense/{entry.SuspenseId}?ClientCode=nobody-here")).ShouldContain("Clientul nu a fost găsit");
        var page = $"/staff/suspense/{entry.SuspenseId}?ClientCode={demo.Bob.Customer.ClientCode}";
        var form = WebUtility.HtmlDecode(await browser.GetStringAsync(page));
        form.ShouldContain(invoice.Number);
        form.ShouldContain(demo.Bob.Customer.Name);

        var token = await PortalFactory.AntiforgeryTokenAsync(browser, page);
        var fields = new (string, string?)[] { ("ClientCode", demo.Bob.Customer.ClientCode), ("InvoiceIds", invoice.InvoiceId.ToString()) };
        var first = await PortalFactory.PostFormAsync(browser, $"/staff/suspense/{entry.SuspenseId}?handler=Assign", token, fields);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await PortalFactory.PostFormAsync(browser, $"/staff/suspense/{entry.SuspenseId}?handler=Assign", token, fields);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()).ShouldContain("deja atribuită");

        await demo.Portal.Services.DrainOutboxAsync();
        var assigned = (await EntryAsync(entry.SuspenseId)).Entry;
        assigned.Status.ShouldBe(SuspenseStatus.Assigned);
        var paid = await demo.AsSystemAsync(async m => (await m.Send(new GetInvoicesByIds([invoice.InvoiceId]))).Value.Single());
        paid.Status.ShouldBe(InvoiceStatus.Paid);
        paid.Remaining.Amount.ShouldBe(0m);
        var payment = await demo.AsSystemAsync(async m => (await m.Send(new GetPayment(assigned.PaymentId!.Value))).Value);
        payment.InvoiceIds.ShouldBe([invoice.InvoiceId]);
        payment.Payment.CustomerId.ShouldBe(demo.Bob.Customer.CustomerId);
        (await browser.GetStringAsync($"/staff/suspense/{entry.SuspenseId}")).ShouldContain($"/staff/payments/{assigned.PaymentId}");

        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: supervisor.Id))).Value.Entries);
        trail.Count(e => e.Action == "Payments.AssignSuspense" && e.Outcome == AuditOutcomes.Ok).ShouldBe(1);
    }

    [DbFact]
    public async Task Splitting_reads_amounts_in_the_page_s_language_and_refuses_bad_ones_without_changing_anything()
    {
        var entry = await UnmatchedAsync(64m);
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var page = $"/staff/suspense/{entry.SuspenseId}";

        foreach (var (amounts, message) in new[] { ("40,00; abc", "„abc” nu este o sumă."), ("40,00; 20,00", "Părțile trebuie să însumeze exact suma."), ("64,00", "Împărțiți suma în 2 până la 20 de părți.") })
        {
            var refused = await StaffDesk.PostAsync(browser, page, $"{page}?handler=Split", ("Amounts", amounts));
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain(message);
            (await EntryAsync(entry.SuspenseId)).Entry.Status.ShouldBe(SuspenseStatus.Open);
        }

        (await StaffDesk.PostAsync(browser, page, $"{page}?handler=Split", ("Amounts", "40,00; 24,00"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var split = await EntryAsync(entry.SuspenseId);
        split.Entry.Status.ShouldBe(SuspenseStatus.Split);
        split.Parts.Select(p => p.Amount.Amount).ShouldBe([40m, 24m]);
        var shown = await browser.GetStringAsync(page);
        shown.ShouldContain($"/staff/suspense/{split.Parts[0].SuspenseId}");
        shown.ShouldNotContain("handler=Split");
    }

    [DbFact]
    public async Task Returning_needs_a_reason_and_is_shown_with_it()
    {
        var entry = await UnmatchedAsync(7.50m);
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var page = $"/staff/suspense/{entry.SuspenseId}";

        var refused = await StaffDesk.PostAsync(browser, page, $"{page}?handler=Return", ("Reason", " "));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("Indicați motivul.");
        (await StaffDesk.PostAsync(browser, page, $"{page}?handler=Return", ("Reason", "Plătit greșit, returnat prin OP 1234"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var shown = WebUtility.HtmlDecode(await browser.GetStringAsync(page));
        shown.ShouldContain("Returnată plătitorului");
        shown.ShouldContain("Plătit greșit, returnat prin OP 1234");
        (await browser.GetStringAsync("/staff/suspense")).ShouldNotContain(entry.Reference!);
        (await browser.GetStringAsync("/staff/suspense?all=true&q=" + entry.Reference)).ShouldContain(entry.Reference!);
    }

    private Task<SuspenseDetails> EntryAsync(Guid id) => demo.AsSystemAsync(async m => (await m.Send(new GetSuspenseEntry(id))).Value);

    /// <summary>A bank transfer whose reference matches nobody, imported through a real camt.053 statement.</summary>
    private async Task<SuspenseEntry> UnmatchedAsync(decimal amount)
    {
        var reference = "NX" + Random.Shared.Next(1_000_000, 9_999_999);
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><GrpHdr><MsgId>W1</MsgId></GrpHdr>" +
            "<Stmt><Id>W1</Id><Acct><Id><IBAN>RO49AAAA1B31007593840001</IBAN></Id></Acct>" +
            $"<Ntry><NtryRef>{reference}</NtryRef><Amt Ccy=\"RON\">{amount.ToString("0.00", CultureInfo.InvariantCulture)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>false</RvslInd>" +
            "<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-24</Dt></BookgDt><ValDt><Dt>2026-11-24</Dt></ValDt><NtryDtls><TxDtls>" +
            $"<RmtInf><Ustrd>{reference}</Ustrd></RmtInf><RltdPties><Dbtr><Pty><Nm>Maria Ionescu</Nm></Pty></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>" +
            "</Stmt></BkToCstmrStmt></Document>";
        return await demo.AsSystemAsync(async m =>
        {
            using var file = new MemoryStream(Encoding.UTF8.GetBytes(xml));
            (await m.Send(new ImportBankStatement(file, reference + ".xml"))).Value.Unmatched.ShouldBe(1);
            return (await m.Send(new ListSuspense(Search: reference))).Value.Single();
        });
    }
}

public sealed class SqliteSuspenseScreenTests(SqliteDemoPortal demo) : SuspenseScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresSuspenseScreenTests(PostgresDemoPortal demo) : SuspenseScreenTests(demo), IClassFixture<PostgresDemoPortal>;
