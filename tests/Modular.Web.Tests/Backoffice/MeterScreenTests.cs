using System.Globalization;
using System.Net;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>
/// The meter page (<c>/staff/meters/{id}</c>): seen with <c>readings.read</c>; field readings, estimates, replacement and
/// self-reading with <c>readings.meters.manage</c> only, each through Readings' rules and audited. Each test uses a meter of
/// its own on Alice's running contract (today is 25.11.2026 on the portal's clock).
/// </summary>
public abstract class MeterScreenTests(DemoPortal demo)
{
    private static readonly LocalDate Today = new(2026, 11, 25);

    public static TheoryData<string, bool> Roles => new()
    {
        // role, manages meters
        { StaffRoles.Cashier, false },
        { StaffRoles.CustomerService, false },
        { StaffRoles.Supervisor, true },
        { StaffRoles.Administrator, true },
    };

    [DbTheory]
    [MemberData(nameof(Roles))]
    public async Task Every_role_that_reads_meters_sees_the_page_and_only_meter_managers_reach_its_forms_and_posts(string role, bool manages)
    {
        var meter = await NewMeterAsync();
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));

        var page = await browser.GetAsync(PageOf(meter));
        var customerPage = await browser.GetStringAsync($"/staff/customers/{demo.Alice.Customer.CustomerId}");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        customerPage.ShouldContain($"href=\"{PageOf(meter)}\"");
        var html = await page.Content.ReadAsStringAsync();
        html.Contains("handler=Reading", StringComparison.Ordinal).ShouldBe(manages);
        html.Contains("handler=Replace", StringComparison.Ordinal).ShouldBe(manages);
        html.Contains("handler=SelfReading", StringComparison.Ordinal).ShouldBe(manages);
        if (!manages)
        {
            (await PostReadingAsync(browser, meter, "104")).ShouldBeRefused();
            (await PostReplaceAsync(browser, meter, "NEW-" + Guid.NewGuid().ToString("N")[..8], "110")).ShouldBeRefused();
            (await PostAsync(browser, meter, "SelfReading", ("allowed", "false"))).ShouldBeRefused();
            var after = await MeterAsync(meter);
            after.RemovedOn.ShouldBeNull();
            after.SelfReadAllowed.ShouldBeTrue();
            (await HistoryAsync(meter)).ShouldHaveSingleItem().Source.ShouldBe(ReadingSource.MeterChange);
        }
    }

    [DbFact]
    public async Task Nobody_signed_out_reaches_the_page_or_its_posts_and_an_unknown_meter_is_not_found()
    {
        var meter = await NewMeterAsync();
        var visitor = demo.Portal.Client(https: true);
        (await visitor.GetAsync(PageOf(meter))).ShouldBeSentToStaffSignIn();
        var token = await PortalFactory.AntiforgeryTokenAsync(visitor, "/staff/Login");
        (await PortalFactory.PostFormAsync(visitor, PageOf(meter) + "?handler=SelfReading", token, ("allowed", "false"))).ShouldBeSentToStaffSignIn();
        (await MeterAsync(meter)).SelfReadAllowed.ShouldBeTrue();

        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        (await supervisor.GetAsync(PageOf(Guid.NewGuid()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task A_field_reading_is_stored_with_source_field_audited_and_a_double_submit_stores_it_once()
    {
        var meter = await NewMeterAsync(initial: 100m);
        var staff = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var supervisor = await demo.SignInAsync(staff);

        var first = await PostReadingAsync(supervisor, meter, "104,5", date: Today.PlusDays(-5));
        var again = await PostReadingAsync(supervisor, meter, "104,5", date: Today.PlusDays(-5));

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().ShouldBe(PageOf(meter));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var field = (await HistoryAsync(meter)).Where(r => r.Source == ReadingSource.FieldReader).ShouldHaveSingleItem();
        field.Index.ShouldBe(104.5m);
        field.Quality.ShouldBe(ReadingQuality.Actual);
        field.ReadingDate.ShouldBe(Today.PlusDays(-5));
        (await supervisor.GetStringAsync(PageOf(meter))).ShouldContain($"data-reading=\"{field.ReadingId}\" data-source=\"FieldReader\"");

        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: staff.Id, PageSize: 100))).Value);
        var audited = trail.Entries.Where(e => e.Action.EndsWith("RecordMeterReading", StringComparison.Ordinal)).ToList();
        audited.Count.ShouldBe(2);
        audited.ShouldAllBe(e => e.StaffId == staff.Id && e.Outcome == AuditOutcomes.Ok && e.Ids!.Contains(meter.ToString()));
    }

    [DbFact]
    public async Task An_estimate_is_stored_as_an_estimate()
    {
        var meter = await NewMeterAsync(initial: 100m);
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));

        (await PostReadingAsync(supervisor, meter, "103", kind: "Estimate")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var estimate = (await HistoryAsync(meter)).Where(r => r.Source == ReadingSource.UtilityEstimate).ShouldHaveSingleItem();
        estimate.Quality.ShouldBe(ReadingQuality.Estimated);
        (await supervisor.GetStringAsync(PageOf(meter))).ShouldContain("data-source=\"UtilityEstimate\"");
    }

    [DbFact]
    public async Task A_lower_index_is_refused_without_the_rollover_tick_and_accepted_with_it_when_the_register_explains_it()
    {
        // A 3-digit register at 998: 002 is 4 m³ later, within what a meter without history may use.
        var meter = await NewMeterAsync(initial: 998m, digits: 3);
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));

        var refused = await PostReadingAsync(supervisor, meter, "2");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("id=\"ReadingIndex-error\"");
        html.ShouldContain("„contorul a trecut prin zero”");
        (await HistoryAsync(meter)).ShouldNotContain(r => r.Source == ReadingSource.FieldReader);

        var unexplained = await PostReadingAsync(supervisor, meter, "500", rollover: true);
        WebUtility.HtmlDecode(await unexplained.Content.ReadAsStringAsync()).ShouldContain("Index nou introdus incorect!");

        (await PostReadingAsync(supervisor, meter, "2", rollover: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = (await HistoryAsync(meter)).Where(r => r.Source == ReadingSource.FieldReader).ShouldHaveSingleItem();
        stored.Rollover.ShouldBeTrue();
        stored.Consumption.ShouldBe(4m);
    }

    [DbFact]
    public async Task Bad_input_shows_a_localized_error_next_to_its_field_and_changes_nothing()
    {
        var meter = await NewMeterAsync(initial: 100m);
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));

        var notNumber = WebUtility.HtmlDecode(await (await PostReadingAsync(supervisor, meter, "12a")).Content.ReadAsStringAsync());
        var tooLong = WebUtility.HtmlDecode(await (await PostReadingAsync(supervisor, meter, "1234567")).Content.ReadAsStringAsync());
        var future = WebUtility.HtmlDecode(await (await PostReadingAsync(supervisor, meter, "105", date: Today.PlusDays(1))).Content.ReadAsStringAsync());
        var badDigits = WebUtility.HtmlDecode(await (await PostReplaceAsync(supervisor, meter, "X-" + Guid.NewGuid().ToString("N")[..8], "110", digits: "cinci"))
            .Content.ReadAsStringAsync());

        notNumber.ShouldContain("<p class=\"field-error\" id=\"ReadingIndex-error\">Introduceți indexul ca număr.</p>");
        tooLong.ShouldContain("<p class=\"field-error\" id=\"ReadingIndex-error\">Indexul nu încape pe contor");
        future.ShouldContain("<p class=\"field-error\" id=\"ReadingDate-error\">Data citirii nu poate fi în viitor.</p>");
        badDigits.ShouldContain("<p class=\"field-error\" id=\"NewIntegerDigits-error\">");
        (await HistoryAsync(meter)).ShouldHaveSingleItem();
        (await MeterAsync(meter)).RemovedOn.ShouldBeNull();
    }

    [DbFact]
    public async Task Replacing_a_meter_opens_the_new_one_removes_the_old_with_its_final_reading_and_a_second_submit_fails_cleanly()
    {
        var meter = await NewMeterAsync(initial: 100m);
        var staff = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var supervisor = await demo.SignInAsync(staff);
        var serial = "NEW-" + Guid.NewGuid().ToString("N")[..10];

        var replaced = await PostReplaceAsync(supervisor, meter, serial, "110");

        replaced.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var newPage = replaced.Headers.Location!.ToString();
        newPage.ShouldNotBe(PageOf(meter));
        var newMeter = Guid.Parse(newPage[(newPage.LastIndexOf('/') + 1)..]);
        (await supervisor.GetStringAsync(newPage)).ShouldContain(serial);
        var old = await MeterAsync(meter);
        old.RemovedOn.ShouldBe(Today.PlusDays(-1));
        old.FinalIndex.ShouldBe(110m);
        old.ReplacedBy.ShouldBe(newMeter);
        (await HistoryAsync(meter)).ShouldContain(r => r.Source == ReadingSource.MeterChange && r.Index == 110m && r.Status == ReadingStatus.Accepted);
        var oldPage = await supervisor.GetStringAsync(PageOf(meter));
        oldPage.ShouldContain("data-testid=\"meter-removed\"");
        oldPage.ShouldContain($"href=\"{newPage}\"");
        oldPage.ShouldNotContain("handler=Replace");

        var twice = await PostReplaceAsync(supervisor, meter, serial, "110");
        twice.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()).ShouldContain($"Un contor cu seria {serial} este deja înregistrat.");
        var meters = await demo.AsSystemAsync(async m => (await m.Send(new GetMetersForContract(old.ContractId))).Value);
        meters.Count(m => m.Serial == serial).ShouldBe(1);
        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: staff.Id, PageSize: 100))).Value);
        trail.Entries.Count(e => e.Action.EndsWith("ReplaceMeter", StringComparison.Ordinal)).ShouldBe(2);
    }

    [DbFact]
    public async Task A_meter_closed_to_self_reading_refuses_the_customers_reading_in_the_portal()
    {
        var meter = await NewMeterAsync(initial: 100m);
        var staff = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var supervisor = await demo.SignInAsync(staff);

        (await PostAsync(supervisor, meter, "SelfReading", ("allowed", "false"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await MeterAsync(meter)).SelfReadAllowed.ShouldBeFalse();
        (await supervisor.GetStringAsync(PageOf(meter))).ShouldContain("data-testid=\"self-read\"");
        var alice = await demo.LogInAsync(demo.Alice);
        var token = await PortalFactory.AntiforgeryTokenAsync(alice, "/Readings");
        var submitted = await PortalFactory.PostFormAsync(alice, "/Readings", token, ("MeterId", meter.ToString()), ("Index", "104"));
        var answer = WebUtility.HtmlDecode(await submitted.Content.ReadAsStringAsync());
        answer.ShouldContain("Acest contor este citit de furnizor", Case.Sensitive, answer[answer.IndexOf("<main", StringComparison.Ordinal)..]);
        (await HistoryAsync(meter)).ShouldHaveSingleItem();
        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: staff.Id, PageSize: 100))).Value);
        trail.Entries.ShouldContain(e => e.Action.EndsWith("SetSelfReading", StringComparison.Ordinal) && e.Outcome == AuditOutcomes.Ok);

        (await PostAsync(supervisor, meter, "SelfReading", ("allowed", "true"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MeterAsync(meter)).SelfReadAllowed.ShouldBeTrue();
    }

    private static string PageOf(Guid meterId) => $"/staff/meters/{meterId}";

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, Guid meter, string handler, params (string Name, string? Value)[] fields) =>
        StaffDesk.PostAsync(browser, "/staff", $"{PageOf(meter)}?handler={handler}", fields);

    private static Task<HttpResponseMessage> PostReadingAsync(HttpClient browser, Guid meter, string index, LocalDate? date = null, string kind = "Field",
        bool rollover = false) =>
        PostAsync(browser, meter, "Reading", ("ReadingDate", (date ?? Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("ReadingIndex", index),
            ("Kind", kind), ("Rollover", rollover ? "true" : "false"), ("ConfirmWarnings", "false"));

    private static Task<HttpResponseMessage> PostReplaceAsync(HttpClient browser, Guid meter, string serial, string finalIndex, string digits = "5") =>
        PostAsync(browser, meter, "Replace", ("ReplacedOn", Today.PlusDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("FinalIndex", finalIndex),
            ("NewSerial", serial), ("NewIntegerDigits", digits), ("NewDecimalPlaces", "3"), ("NewInitialIndex", "0"), ("NewVerificationDue", ""));

    /// <summary>A new meter, open to self-reading, on Alice's first contract that has not ended.</summary>
    private Task<Guid> NewMeterAsync(decimal initial = 100m, int digits = 5) => demo.AsSystemAsync(async m =>
    {
        Guid? contract = null;
        foreach (var candidate in demo.Alice.Meters.Select(x => x.ContractId).Distinct())
        {
            if ((await m.Send(new GetContract(candidate))).Value.EndDate is null)
            {
                contract = candidate;
                break;
            }
        }

        var registered = await m.Send(new RegisterMeter("T-" + Guid.NewGuid().ToString("N")[..12], contract ?? throw new InvalidOperationException("Alice has no running contract."),
            digits, 3, new LocalDate(2026, 10, 1), initial, null, true));
        registered.IsSuccess.ShouldBeTrue(registered.ToString());
        return registered.Value;
    });

    private Task<MeterView> MeterAsync(Guid meter) => demo.AsSystemAsync(async m => (await m.Send(new GetMeter(meter))).Value);

    private Task<IReadOnlyList<ReadingView>> HistoryAsync(Guid meter) =>
        demo.AsSystemAsync(async m => (await m.Send(new GetReadingHistory(meter, null))).Value);
}

public sealed class SqliteMeterScreenTests(SqliteDemoPortal demo) : MeterScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresMeterScreenTests(PostgresDemoPortal demo) : MeterScreenTests(demo), IClassFixture<PostgresDemoPortal>;
