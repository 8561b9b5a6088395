using System.Net;
using System.Text.RegularExpressions;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>Each screen of the back office and its permission: menu entries hidden, pages and their POSTs refused without it.</summary>
public abstract partial class StaffScreenTests(DemoPortal demo)
{
    public static TheoryData<string, string, bool> Screens => new()
    {
        // role, page, reaches it
        { StaffRoles.Cashier, "/staff/customers", true },
        { StaffRoles.Cashier, "/staff/audit", false },
        { StaffRoles.Cashier, "/staff/operations/dead-letters", false },
        { StaffRoles.CustomerService, "/staff/customers", true },
        { StaffRoles.CustomerService, "/staff/audit", false },
        { StaffRoles.Supervisor, "/staff/audit", true },
        { StaffRoles.Supervisor, "/staff/operations/dead-letters", true },
        { StaffRoles.Administrator, "/staff/audit", true },
        { StaffRoles.Supervisor, "/staff/accounts", false },
        { StaffRoles.Administrator, "/staff/accounts", true },
    };

    [DbTheory]
    [MemberData(nameof(Screens))]
    public async Task A_screen_is_reached_and_listed_in_the_menu_only_with_its_permission(string role, string page, bool allowed)
    {
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));

        var response = await browser.GetAsync(page);
        var home = await browser.GetStringAsync("/staff");

        if (allowed)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            home.ShouldContain($"href=\"{page}\"");
        }
        else
        {
            response.ShouldBeRefused();
            home.ShouldNotContain($"href=\"{page}\"");
        }
    }

    [DbFact]
    public async Task Nobody_without_the_permission_reaches_a_post()
    {
        var cashier = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Cashier));
        var page = $"/staff/customers/{demo.Alice.Customer.CustomerId}";

        (await StaffDesk.PostAsync(cashier, page, "/staff/operations/dead-letters?handler=Retry", ("consumer", "Billing.Allocation"), ("messageId", Guid.NewGuid().ToString())))
            .ShouldBeRefused();
        (await StaffDesk.PostAsync(cashier, page, "/staff/customers/acting?handler=Start", ("customerId", demo.Alice.Customer.CustomerId.ToString()), ("reason", "phone call")))
            .ShouldBeRefused();
        (await StaffDesk.PostAsync(cashier, page, "/staff/readings/submit", ("customerId", demo.Alice.Customer.CustomerId.ToString()),
            ("meterId", demo.Alice.Meters[0].MeterId.ToString()), ("index", "99999"))).ShouldBeRefused();
        (await cashier.GetStringAsync(page)).ShouldNotContain("acting-banner");
    }

    [DbFact]
    public async Task Anonymous_visitors_reach_no_screen_and_no_post()
    {
        var visitor = demo.Portal.Client(https: true);
        foreach (var page in new[] { "/staff", "/staff/customers", $"/staff/customers/{demo.Alice.Customer.CustomerId}", "/staff/audit", "/staff/operations/dead-letters" })
        {
            (await visitor.GetAsync(page)).ShouldBeSentToStaffSignIn();
        }

        var token = await PortalFactory.AntiforgeryTokenAsync(visitor, "/staff/Login");
        (await PortalFactory.PostFormAsync(visitor, "/staff/customers/acting?handler=Start", token, ("customerId", demo.Alice.Customer.CustomerId.ToString()), ("reason", "x")))
            .ShouldBeSentToStaffSignIn();
    }

    [DbFact]
    public async Task The_look_up_opens_the_customer_for_a_client_code_or_contract_and_lists_matches_by_name_email_phone_or_address()
    {
        var agent = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.CustomerService));
        var alice = demo.Alice.Customer;

        var byCode = await agent.GetAsync("/staff/customers?q=" + alice.ClientCode);
        byCode.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        byCode.Headers.Location!.ToString().ShouldBe($"/staff/customers/{alice.CustomerId}");

        var page = await agent.GetStringAsync($"/staff/customers/{alice.CustomerId}");
        var contract = ContractNumber().Match(page).Groups[1].Value;
        contract.ShouldNotBeEmpty();
        (await agent.GetAsync("/staff/customers?q=" + Uri.EscapeDataString(contract))).Headers.Location!.ToString().ShouldBe($"/staff/customers/{alice.CustomerId}");

        var byName = await agent.GetStringAsync("/staff/customers?q=" + Uri.EscapeDataString(alice.Name[..Math.Min(8, alice.Name.Length)]));
        byName.ShouldContain($"href=\"/staff/customers/{alice.CustomerId}\"");
        var byUserEmail = await agent.GetStringAsync("/staff/customers?q=alice@example.com");
        byUserEmail.ShouldContain($"href=\"/staff/customers/{alice.CustomerId}\"");
        var tooShort = await agent.GetStringAsync("/staff/customers?q=a");
        tooShort.ShouldContain("2");
        (await agent.GetStringAsync("/staff/customers?q=no-such-customer-anywhere")).ShouldContain("role=\"status\"");
    }

    [DbFact]
    public async Task A_cashier_finds_the_customer_by_an_invoice_number_and_sees_the_invoices_and_balance()
    {
        var cashier = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Cashier));
        demo.Alice.Invoices.ShouldNotBeEmpty();
        var invoice = demo.Alice.Invoices[0];

        var found = await cashier.GetAsync("/staff/customers?q=" + Uri.EscapeDataString(invoice.Number));

        found.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        found.Headers.Location!.ToString().ShouldBe($"/staff/customers/{demo.Alice.Customer.CustomerId}");
        var page = await cashier.GetStringAsync(found.Headers.Location!.ToString());
        page.ShouldContain("customer-invoices");
        page.ShouldContain($"data-invoice=\"{invoice.InvoiceId}\"");
        // A cashier may not act on the customer's behalf.
        page.ShouldNotContain("handler=Start");
    }

    [DbFact]
    public async Task The_customer_page_shows_contracts_meters_readings_portal_users_and_their_sessions()
    {
        await demo.LogInAsync(demo.Alice);
        var agent = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.CustomerService));

        var page = await agent.GetStringAsync($"/staff/customers/{demo.Alice.Customer.CustomerId}");

        page.ShouldContain(demo.Alice.Customer.ClientCode);
        page.ShouldContain("customer-contracts");
        page.ShouldContain("customer-meters");
        page.ShouldContain(demo.Alice.Meters[0].Serial);
        page.ShouldContain("alice@example.com");
        // Customer service may act, but not read the audit trail.
        page.ShouldContain("handler=Start");
        page.ShouldNotContain("customer-audit");

        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        (await supervisor.GetStringAsync($"/staff/customers/{demo.Alice.Customer.CustomerId}")).ShouldContain("customer-audit");
    }

    [DbFact]
    public async Task Acting_on_behalf_needs_a_reason_shows_a_banner_on_every_page_and_is_audited_with_both_ids()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.CustomerService);
        var agent = await demo.SignInAsync(staff);
        var bob = demo.Bob;
        var page = $"/staff/customers/{bob.Customer.CustomerId}";

        (await StaffDesk.PostAsync(agent, page, "/staff/customers/acting?handler=Start", ("customerId", bob.Customer.CustomerId.ToString()), ("reason", "  ")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = await agent.GetStringAsync(page);
        refused.ShouldNotContain("acting-banner");
        refused.ShouldContain("alert-error");

        (await StaffDesk.PostAsync(agent, page, "/staff/customers/acting?handler=Start", ("customerId", bob.Customer.CustomerId.ToString()),
            ("reason", "Customer called: reading by phone"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        foreach (var anyPage in new[] { "/staff", "/staff/customers", page })
        {
            var html = await agent.GetStringAsync(anyPage);
            html.ShouldContain($"data-acting-for=\"{bob.Customer.CustomerId}\"");
            html.ShouldContain("Customer called: reading by phone");
        }

        var meter = await demo.AsSystemAsync(async m =>
        {
            foreach (var candidate in bob.Meters.Where(x => x.RemovedOn is null))
            {
                if ((await m.Send(new Modular.Accounts.Contracts.GetContract(candidate.ContractId))).Value.EndDate is null)
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("Bob has no meter on a running contract.");
        });
        var submitted = await StaffDesk.PostAsync(agent, page, "/staff/readings/submit", ("customerId", bob.Customer.CustomerId.ToString()),
            ("meterId", meter.MeterId.ToString()), ("index", ((meter.PreviousIndex ?? meter.InitialIndex) + 4).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("confirmWarnings", "true"));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await agent.GetStringAsync(page)).ShouldContain("alert-success");

        (await StaffDesk.PostAsync(agent, page, "/staff/customers/acting?handler=Stop")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await agent.GetStringAsync("/staff")).ShouldNotContain("acting-banner");

        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(CustomerId: bob.Customer.CustomerId, StaffId: staff.Id, PageSize: 100))).Value);
        trail.Entries.ShouldContain(e => e.Action == "staff.acting_started" && e.StaffId == staff.Id && e.CustomerId == bob.Customer.CustomerId);
        trail.Entries.ShouldContain(e => e.Action == "staff.acting_ended" && e.StaffId == staff.Id && e.CustomerId == bob.Customer.CustomerId);
        var reading = trail.Entries.Where(e => e.Action.EndsWith("SubmitReading", StringComparison.Ordinal)).ShouldHaveSingleItem();
        reading.StaffId.ShouldBe(staff.Id);
        reading.CustomerId.ShouldBe(bob.Customer.CustomerId);
        reading.Channel.ShouldBe(Channel.Staff);
        reading.Outcome.ShouldBe(AuditOutcomes.Ok);
    }

    [DbFact]
    public async Task A_reading_for_a_customer_is_refused_unless_acting_on_their_behalf()
    {
        var agent = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.CustomerService));
        var alice = demo.Alice;
        var page = $"/staff/customers/{alice.Customer.CustomerId}";

        (await StaffDesk.PostAsync(agent, page, "/staff/readings/submit", ("customerId", alice.Customer.CustomerId.ToString()),
            ("meterId", alice.Meters[0].MeterId.ToString()), ("index", "99999"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await agent.GetStringAsync(page)).ShouldNotContain("index-" + alice.Meters[0].MeterId);
        var history = await demo.AsSystemAsync(async m => (await m.Send(new Modular.Readings.Contracts.GetReadingHistory(alice.Meters[0].MeterId, null))).Value);
        history.ShouldNotContain(r => r.Index == 99999m);
    }

    [DbFact]
    public async Task The_audit_trail_filters_by_staff_member_and_exports_csv()
    {
        var agent = await demo.NewStaffAsync(StaffRoles.CustomerService);
        await demo.SignInAsync(agent);
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));

        var page = await supervisor.GetStringAsync($"/staff/audit?staff={agent.Id}");
        page.ShouldContain("security.login_succeeded");

        var export = await supervisor.GetAsync($"/staff/audit?handler=Export&staff={agent.Id}");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await export.Content.ReadAsStringAsync();
        csv.ShouldContain("security.login_succeeded");
        csv.ShouldContain(agent.Id.ToString());
    }

    [DbFact]
    public async Task The_dead_letters_screen_lists_and_a_supervisor_may_retry()
    {
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        (await supervisor.GetStringAsync("/staff/operations/dead-letters")).ShouldContain("<h1>");

        var retried = await StaffDesk.PostAsync(supervisor, "/staff/operations/dead-letters", "/staff/operations/dead-letters?handler=Retry",
            ("consumer", "Billing.Allocation"), ("messageId", Guid.NewGuid().ToString()));

        // It reached the request: an unknown dead letter is answered on the page, not refused.
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retried.Content.ReadAsStringAsync()).ShouldContain("alert-error");
    }

    [DbFact]
    public async Task The_administrator_creates_a_staff_member_seeing_the_secrets_once_and_disables_one_whose_session_ends()
    {
        var admin = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Administrator));
        var email = $"new-cashier-{Guid.NewGuid():N}@utility.example";

        var created = await StaffDesk.PostAsync(admin, "/staff/accounts", "/staff/accounts?handler=Create",
            ("Email", email), ("DisplayName", "Ion Casier"), ("Roles", StaffRoles.Cashier));

        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        created.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await created.Content.ReadAsStringAsync();
        html.ShouldContain("otpauth://totp/");
        var list = await admin.GetStringAsync("/staff/accounts");
        list.ShouldContain(email);
        list.ShouldNotContain("otpauth://");

        var other = await demo.NewStaffAsync(StaffRoles.Cashier);
        var otherBrowser = await demo.SignInAsync(other);
        (await StaffDesk.PostAsync(admin, "/staff/accounts", "/staff/accounts?handler=Disable", ("staffId", other.Id.ToString())))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await otherBrowser.GetAsync("/staff")).ShouldBeSentToStaffSignIn();

        var unknownRole = await StaffDesk.PostAsync(admin, "/staff/accounts", "/staff/accounts?handler=Create",
            ("Email", "x" + email), ("DisplayName", "X"), ("Roles", "janitor"));
        (await unknownRole.Content.ReadAsStringAsync()).ShouldNotContain("otpauth://");
    }

    [GeneratedRegex("<tr><td>([^<]+)</td>")]
    private static partial Regex ContractNumber();
}

public sealed class SqliteStaffScreenTests(SqliteDemoPortal demo) : StaffScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresStaffScreenTests(PostgresDemoPortal demo) : StaffScreenTests(demo), IClassFixture<PostgresDemoPortal>;
