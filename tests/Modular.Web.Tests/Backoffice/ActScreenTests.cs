using System.Net;
using System.Net.Http.Headers;
using Autofac;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Requests.Contracts;
using Modular.Web.Security;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>
/// The back office's acts screens (<c>/staff/acts</c>, <c>/new</c>, <c>/import</c>, an act's page): read with <c>acts.read</c>,
/// entry and import with <c>acts.manage</c>; refusals next to their fields; and the portal's acts under each contract, where
/// another customer's act or document is 404. Each test numbers its acts apart (one demo database per class).
/// </summary>
public abstract class ActScreenTests(DemoPortal demo)
{
    private readonly string _prefix = "W" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public static TheoryData<string, bool> Roles => new()
    {
        // role, manages acts
        { StaffRoles.Cashier, false },
        { StaffRoles.CustomerService, false },
        { StaffRoles.Supervisor, true },
        { StaffRoles.Administrator, true },
    };

    [DbTheory]
    [MemberData(nameof(Roles))]
    public async Task Every_role_that_reads_acts_sees_the_list_and_the_customer_section_and_only_act_managers_reach_entry_and_import(string role, bool manages)
    {
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));
        var contract = await AliceContractAsync();

        var list = await browser.GetAsync("/staff/acts?q=" + contract);
        var customer = await browser.GetStringAsync($"/staff/customers/{demo.Alice.Customer.CustomerId}");

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await list.Content.ReadAsStringAsync();
        html.ShouldContain("data-act=\"AV-");
        customer.ShouldContain("data-customer-acts");
        html.Contains("href=\"/staff/acts/new\"", StringComparison.Ordinal).ShouldBe(manages);
        foreach (var page in new[] { "/staff/acts/new", "/staff/acts/import" })
        {
            var response = await browser.GetAsync(page);
            if (manages)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
            else
            {
                response.ShouldBeRefused();
            }
        }

        if (!manages)
        {
            (await StaffDesk.PostAsync(browser, "/staff/acts", "/staff/acts/new", Fields(Number(1), contract))).ShouldBeRefused();
            (await ActsAsync(Number(1))).ShouldBeEmpty();
        }
    }

    [DbFact]
    public async Task Nobody_signed_out_reaches_the_screens()
    {
        var visitor = demo.Portal.Client(https: true);
        (await visitor.GetAsync("/staff/acts")).ShouldBeSentToStaffSignIn();
        (await visitor.GetAsync("/staff/acts/new")).ShouldBeSentToStaffSignIn();
        var token = await PortalFactory.AntiforgeryTokenAsync(visitor, "/staff/Login");
        (await PortalFactory.PostFormAsync(visitor, "/staff/acts/new", token, Fields(Number(1), await AliceContractAsync()))).ShouldBeSentToStaffSignIn();
        (await ActsAsync(Number(1))).ShouldBeEmpty();
    }

    [DbFact]
    public async Task Bad_input_shows_localized_errors_next_to_the_fields_and_stores_nothing()
    {
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));

        var refused = await StaffDesk.PostAsync(supervisor, "/staff/acts/new", "/staff/acts/new",
            ("Number", Number(1)), ("ContractNumber", "CT-NOSUCH"), ("Type", "Verification"), ("RegisteredOn", "2026-12-31"), ("Inspector", ""),
            ("Findings", ""), ("Serials[0]", "SN-1"), ("Indexes[0]", "abc"));
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("id=\"Indexes[0]-error\"");
        html.ShouldContain("Introduceți indexul ca număr de cel puțin 0 (cu punct zecimal).");
        var second = await StaffDesk.PostAsync(supervisor, "/staff/acts/new", "/staff/acts/new",
            ("Number", Number(1)), ("ContractNumber", "CT-NOSUCH"), ("Type", "Verification"), ("RegisteredOn", "2026-12-31"), ("Inspector", ""),
            ("Findings", ""));
        var errors = WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());
        errors.ShouldContain("id=\"RegisteredOn-error\"");
        errors.ShouldContain("Data nu poate fi după ziua de azi.");
        errors.ShouldContain("id=\"Inspector-error\"");
        errors.ShouldContain("Introduceți cine a făcut inspecția (nume sau cod).");
        errors.ShouldContain("id=\"Findings-error\"");
        (await ActsAsync(Number(1))).ShouldBeEmpty();

        var unknownContract = await StaffDesk.PostAsync(supervisor, "/staff/acts/new", "/staff/acts/new", Fields(Number(1), "CT-NOSUCH"));
        var unknown = WebUtility.HtmlDecode(await unknownContract.Content.ReadAsStringAsync());
        unknown.ShouldContain("id=\"ContractNumber-error\"");
        unknown.ShouldContain("Nu există un contract cu acest număr.");
        (await ActsAsync(Number(1))).ShouldBeEmpty();
    }

    [DbFact]
    public async Task An_act_with_its_pdf_is_stored_once_on_a_double_submit_audited_and_a_spoofed_pdf_is_refused_at_its_field()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var supervisor = await demo.SignInAsync(staff);
        var contract = await AliceContractAsync();
        var pdf = Requests.DemoDataPdf();

        var spoofed = await PostMultipartAsync(supervisor, "/staff/acts/new", Fields(Number(1), contract), ("Document", "act.pdf", "MZ\u0090 program"u8.ToArray()));
        var spoofedHtml = WebUtility.HtmlDecode(await spoofed.Content.ReadAsStringAsync());
        spoofed.StatusCode.ShouldBe(HttpStatusCode.OK);
        spoofedHtml.ShouldContain("id=\"Document-error\"");
        spoofedHtml.ShouldContain("Actul semnat trebuie să fie un fișier PDF.");
        (await ActsAsync(Number(1))).ShouldBeEmpty();

        var first = await PostMultipartAsync(supervisor, "/staff/acts/new", Fields(Number(1), contract), ("Document", "act.pdf", pdf));
        var again = await PostMultipartAsync(supervisor, "/staff/acts/new", Fields(Number(1), contract), ("Document", "act.pdf", pdf));

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        var act = (await ActsAsync(Number(1))).ShouldHaveSingleItem();
        act.HasDocument.ShouldBeTrue();
        var page = WebUtility.HtmlDecode(await supervisor.GetStringAsync(first.Headers.Location!.ToString()));
        page.ShouldContain($"/staff/acts/{act.ActId}?handler=Document");
        var download = await supervisor.GetAsync($"/staff/acts/{act.ActId}?handler=Document");
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: staff.Id, PageSize: 100))).Value);
        trail.Entries.Count(e => e.Action == "Requests.RegisterAct").ShouldBe(3);

        // A correction without a reason is refused at its field; with one, the act shows the correction and the audit has it.
        var actPage = first.Headers.Location!.ToString();
        (string, string)[] correction = [("Type", "DamageFinding"), ("RegisteredOn", act.RegisteredOn.ToString("yyyy-MM-dd", null)),
            ("Inspector", act.Inspector), ("Findings", "Sigiliu rupt, contorul trebuie înlocuit."), ("Version", act.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var noReason = await StaffDesk.PostAsync(supervisor, actPage, actPage + "?handler=Correct", [.. correction, ("Reason", "")]);
        noReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("id=\"Reason-error\"");
        var corrected = await StaffDesk.PostAsync(supervisor, actPage, actPage + "?handler=Correct", [.. correction, ("Reason", "Fișa greșită")]);
        corrected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = WebUtility.HtmlDecode(await supervisor.GetStringAsync(actPage));
        shown.ShouldContain("Sigiliu rupt, contorul trebuie înlocuit.");
        shown.ShouldContain("Fișa greșită");
        (await ActsAsync(Number(1))).ShouldHaveSingleItem().Type.ShouldBe(ActType.DamageFinding);
        trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: staff.Id, PageSize: 100))).Value);
        trail.Entries.Count(e => e.Action == "Requests.CorrectAct" && e.Outcome == AuditOutcomes.Ok).ShouldBe(1);
    }

    [DbFact]
    public async Task The_import_screen_shows_the_report_and_a_second_upload_stores_nothing_twice()
    {
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var contract = await AliceContractAsync();
        var csv = "number,contract,type,date,inspector,findings\n" +
                  $"{Number(1)},{contract},damage_finding,2026-11-20,F-112,Leak at the valve\n" +
                  $"{Number(2)},CT-NOSUCH,verification,2026-11-20,F-112,Seal intact\n";

        var first = await PostMultipartAsync(supervisor, "/staff/acts/import", [], ("Csv", "acts.csv", System.Text.Encoding.UTF8.GetBytes(csv)));
        var second = await PostMultipartAsync(supervisor, "/staff/acts/import", [], ("Csv", "acts.csv", System.Text.Encoding.UTF8.GetBytes(csv)));

        var one = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());
        one.ShouldContain("Rânduri: 2 · importate: 1 · deja salvate: 0 · refuzate: 1");
        one.ShouldContain("data-line=\"3\" data-code=\"acts.contract_not_found\"");
        WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()).ShouldContain("Rânduri: 2 · importate: 0 · deja salvate: 1 · refuzate: 1");
        (await ActsAsync(Number(1))).ShouldHaveSingleItem().Type.ShouldBe(ActType.DamageFinding);
    }

    [DbFact]
    public async Task The_customer_sees_acts_under_the_right_contract_and_another_customers_act_or_document_is_not_found()
    {
        var alice = await demo.LogInAsync(demo.Alice);
        var aliceActs = await demo.AsSystemAsync(async m => (await m.Send(new ListActs(CustomerId: demo.Alice.Customer.CustomerId))).Value);
        var bobActs = await demo.AsSystemAsync(async m => (await m.Send(new ListActs(CustomerId: demo.Bob.Customer.CustomerId))).Value);
        var bobsWithDocument = bobActs.First(a => a.HasDocument);
        var mine = aliceActs.First(a => a.HasDocument);

        var contracts = WebUtility.HtmlDecode(await alice.GetStringAsync("/Contracts"));

        // Each act sits in its own contract's section.
        foreach (var act in aliceActs)
        {
            var section = contracts.IndexOf($"id=\"contract-{act.ContractId:N}\"", StringComparison.Ordinal);
            var next = contracts.IndexOf("<section class=\"card\"", section + 1, StringComparison.Ordinal);
            var at = contracts.IndexOf($"data-act=\"{act.Number}\"", StringComparison.Ordinal);
            at.ShouldBeGreaterThan(section);
            if (next > 0)
            {
                at.ShouldBeLessThan(next);
            }
        }

        contracts.ShouldNotContain(bobsWithDocument.Number);
        (await alice.GetAsync($"/Contracts/acts/{mine.ActId}?handler=Document")).Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await alice.GetAsync($"/Contracts/acts/{bobsWithDocument.ActId}?handler=Document")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.GetAsync($"/Contracts/acts/{bobsWithDocument.ActId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.GetAsync($"/Contracts/acts/{mine.ActId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var scope = demo.Portal.Services.CreateAsyncScope();
        var token = (await scope.ServiceProvider.GetRequiredService<AccessTokenService>().CreateAsync(demo.Alice.UserId, "acts", [TokenScopes.Read])).Value;
        var api = demo.Portal.Client();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        var listed = await api.GetStringAsync("/api/v1/acts");
        listed.ShouldContain(mine.Number);
        listed.ShouldNotContain(bobsWithDocument.Number);
        (await api.GetAsync($"/api/v1/acts/{mine.ActId}/document")).Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await api.GetAsync($"/api/v1/acts/{bobsWithDocument.ActId}/document")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private string Number(int n) => $"{_prefix}-{n:D3}";

    private static (string Name, string? Value)[] Fields(string number, string contract) =>
    [
        ("Number", number), ("ContractNumber", contract), ("Type", "Verification"), ("RegisteredOn", "2026-11-20"), ("Inspector", "I. Popescu (F-112)"),
        ("Findings", "Seal intact, no leaks."),
    ];

    private async Task<string> AliceContractAsync() =>
        (await demo.AsSystemAsync(async m => (await m.Send(new Modular.Accounts.Contracts.ListContracts(null, 1000))).Value))
        .Where(c => c.CustomerId == demo.Alice.Customer.CustomerId).OrderBy(c => c.ContractNumber, StringComparer.Ordinal).First().ContractNumber;

    private Task<IReadOnlyList<ActView>> ActsAsync(string number) =>
        demo.AsSystemAsync(async m => (await m.Send(new ListActs(Number: number))).Value);

    /// <summary>Posts a multipart form (fields and files) with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string page, (string Name, string? Value)[] fields,
        params (string Name, string FileName, byte[] Content)[] files)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, page);
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value ?? string.Empty), name);
        }

        foreach (var (name, fileName, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, name, fileName);
        }

        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(page, form);
    }

    private static class Requests
    {
        /// <summary>A small valid PDF, built like the demo acts' documents.</summary>
        public static byte[] DemoDataPdf() => System.Text.Encoding.ASCII.GetBytes(
            "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" +
            "trailer\n<< /Size 3 /Root 1 0 R >>\n%%EOF\n");
    }
}

public sealed class SqliteActScreenTests(SqliteDemoPortal demo) : ActScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresActScreenTests(PostgresDemoPortal demo) : ActScreenTests(demo), IClassFixture<PostgresDemoPortal>;
