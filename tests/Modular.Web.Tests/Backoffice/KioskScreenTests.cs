using System.Net;
using System.Text.RegularExpressions;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Kiosks.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>
/// The back office's kiosks screens (<c>/staff/kiosks</c>, registration, a kiosk's page, a day's report): seen with
/// <c>kiosks.read</c>; registration, new keys, retirement and closing a day with <c>kiosks.manage</c>, their pages and their
/// POSTs refused to everybody else. Each test registers kiosks of its own (one demo database per class).
/// </summary>
public abstract partial class KioskScreenTests(DemoPortal demo)
{
    private readonly string _code = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public static TheoryData<string, bool> Roles => new()
    {
        // role, manages kiosks
        { StaffRoles.Cashier, false },
        { StaffRoles.CustomerService, false },
        { StaffRoles.Supervisor, true },
    };

    [DbTheory]
    [MemberData(nameof(Roles))]
    public async Task Every_role_that_reads_kiosks_sees_the_list_and_the_reports_and_only_managers_register_or_close(string role, bool manages)
    {
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));
        var kiosk = await RegisterAsync(_code);
        var today = await TodayAsync();
        var dayPage = $"/staff/kiosks/{kiosk.KioskId}/days/{today:yyyy-MM-dd}";

        var list = WebUtility.HtmlDecode(await browser.GetStringAsync("/staff/kiosks"));
        var details = await browser.GetAsync($"/staff/kiosks/{kiosk.KioskId}");
        var day = await browser.GetAsync(dayPage);

        list.ShouldContain($"data-kiosk=\"{_code}\"");
        list.ShouldContain("data-kiosk=\"CC1-K1\"", customMessage: "the demo kiosk");
        list.Contains("href=\"/staff/kiosks/new\"", StringComparison.Ordinal).ShouldBe(manages);
        details.StatusCode.ShouldBe(HttpStatusCode.OK);
        day.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await day.Content.ReadAsStringAsync()).Contains("handler=Close", StringComparison.Ordinal).ShouldBe(manages);
        if (manages)
        {
            (await browser.GetAsync("/staff/kiosks/new")).StatusCode.ShouldBe(HttpStatusCode.OK);
            return;
        }

        (await browser.GetAsync("/staff/kiosks/new")).ShouldBeRefused();
        (await StaffDesk.PostAsync(browser, "/staff/kiosks", "/staff/kiosks/new", ("Code", _code + "X"), ("Centre", "NORD"), ("Name", "N"))).ShouldBeRefused();
        (await StaffDesk.PostAsync(browser, dayPage, dayPage + "?handler=Close")).ShouldBeRefused();
        var kioskPage = $"/staff/kiosks/{kiosk.KioskId}";
        (await StaffDesk.PostAsync(browser, kioskPage, kioskPage + "?handler=Key")).ShouldBeRefused();
        (await StaffDesk.PostAsync(browser, kioskPage, kioskPage + "?handler=Retire")).ShouldBeRefused();
        var report = await demo.AsSystemAsync(async m => (await m.Send(new GetKioskDay(kiosk.KioskId, today))).Value);
        report.ClosedAt.ShouldBeNull();
        (await demo.AsSystemAsync(async m => (await m.Send(new AuthenticateKiosk(kiosk.DeviceKey))).IsSuccess)).ShouldBeTrue("the key still works");
        (await demo.AsSystemAsync(async m => (await m.Send(new ListKiosks())).Value)).ShouldNotContain(k => k.Code == _code + "X");
    }

    [DbFact]
    public async Task Nobody_signed_out_reaches_the_screens()
    {
        var visitor = demo.Portal.Client(https: true);
        (await visitor.GetAsync("/staff/kiosks")).ShouldBeSentToStaffSignIn();
        (await visitor.GetAsync("/staff/kiosks/new")).ShouldBeSentToStaffSignIn();
        var token = await PortalFactory.AntiforgeryTokenAsync(visitor, "/staff/Login");
        (await PortalFactory.PostFormAsync(visitor, "/staff/kiosks/new", token, ("Code", _code), ("Centre", "NORD"), ("Name", "N"))).ShouldBeSentToStaffSignIn();
        (await demo.AsSystemAsync(async m => (await m.Send(new ListKiosks())).Value)).ShouldNotContain(k => k.Code == _code);
    }

    [DbFact]
    public async Task Registering_shows_the_key_once_that_authenticates_the_kiosk_and_bad_input_shows_errors_at_the_fields()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var supervisor = await demo.SignInAsync(staff);

        var refused = await StaffDesk.PostAsync(supervisor, "/staff/kiosks/new", "/staff/kiosks/new", ("Code", "CC 1/K1"), ("Centre", ""), ("Name", ""));
        var errors = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        errors.ShouldContain("id=\"Code-error\"");
        errors.ShouldContain("Codul poate avea cel mult 32 de litere, cifre și cratime (de exemplu CC1-K1).");
        errors.ShouldContain("id=\"Centre-error\"");
        errors.ShouldContain("id=\"Name-error\"");

        var registered = await StaffDesk.PostAsync(supervisor, "/staff/kiosks/new", "/staff/kiosks/new", ("Code", _code), ("Centre", "NORD"), ("Name", "Chioșc nord"));
        var html = await registered.Content.ReadAsStringAsync();
        registered.StatusCode.ShouldBe(HttpStatusCode.OK);
        registered.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var key = KeyShown().Match(html).Groups[1].Value;
        key.ShouldNotBeEmpty();
        var identity = await demo.AsSystemAsync(async m => (await m.Send(new AuthenticateKiosk(WebUtility.HtmlDecode(key)))).Value);
        identity.Code.ShouldBe(_code);
        (await supervisor.GetStringAsync($"/staff/kiosks/{identity.KioskId}")).ShouldNotContain(WebUtility.HtmlDecode(key), customMessage: "the key is shown once");

        var twice = await StaffDesk.PostAsync(supervisor, "/staff/kiosks/new", "/staff/kiosks/new", ("Code", _code), ("Centre", "NORD"), ("Name", "Chioșc nord"));
        WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()).ShouldContain("Un alt chioșc are deja acest cod.");
        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: staff.Id, PageSize: 100))).Value);
        trail.Entries.Count(e => e.Action == "Kiosks.RegisterKiosk" && e.Outcome == AuditOutcomes.Ok).ShouldBe(1);
    }

    [DbFact]
    public async Task A_new_key_replaces_the_old_one_and_retiring_shows_on_the_page()
    {
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var kiosk = await RegisterAsync(_code);
        var page = $"/staff/kiosks/{kiosk.KioskId}";

        var issued = await StaffDesk.PostAsync(supervisor, page, page + "?handler=Key");
        var key = WebUtility.HtmlDecode(KeyShown().Match(await issued.Content.ReadAsStringAsync()).Groups[1].Value);

        key.ShouldNotBe(kiosk.DeviceKey);
        (await demo.AsSystemAsync(async m => (await m.Send(new AuthenticateKiosk(kiosk.DeviceKey))).IsFailure)).ShouldBeTrue();
        (await demo.AsSystemAsync(async m => (await m.Send(new AuthenticateKiosk(key))).IsSuccess)).ShouldBeTrue();

        var retired = await StaffDesk.PostAsync(supervisor, page, page + "?handler=Retire");
        retired.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await supervisor.GetStringAsync(page)).ShouldContain("data-status=\"retired\"");
        (await demo.AsSystemAsync(async m => (await m.Send(new AuthenticateKiosk(key))).IsFailure)).ShouldBeTrue();
    }

    [DbFact]
    public async Task The_day_report_shows_totals_and_notes_and_two_tabs_closing_it_close_it_once()
    {
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var kiosk = await RegisterAsync(_code);
        var today = await TodayAsync();
        var now = demo.Portal.Clock.GetCurrentInstant();
        await demo.AsSystemAsync(async m => (await m.Send(new RecordKioskTransaction(kiosk.KioskId, Guid.NewGuid(), Guid.NewGuid(), KioskMethod.Cash, 150m, "RON",
            [new NoteCount(100m, 1), new NoteCount(50m, 1)], null, now))).Value);
        await demo.AsSystemAsync(async m => (await m.Send(new RecordKioskTransaction(kiosk.KioskId, Guid.NewGuid(), Guid.NewGuid(), KioskMethod.Card, 42.5m, "RON",
            [], "AUTH42", now))).Value);
        var page = $"/staff/kiosks/{kiosk.KioskId}/days/{today:yyyy-MM-dd}";

        var report = WebUtility.HtmlDecode(await supervisor.GetStringAsync(page));
        report.ShouldContain("data-receipts=\"2\"");
        report.ShouldContain("data-method=\"Cash\"");
        report.ShouldContain("data-method=\"Card\"");
        report.ShouldContain("data-note=\"100\"");
        report.ShouldContain("data-note=\"50\"");

        // Two tabs: both forms were loaded before either was sent.
        var first = await StaffDesk.PostAsync(supervisor, page, page + "?handler=Close");
        var second = await StaffDesk.PostAsync(supervisor, page, page + "?handler=Close");
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var closed = WebUtility.HtmlDecode(await supervisor.GetStringAsync(page));
        closed.ShouldContain("data-kiosk-day=\"closed\"");
        closed.ShouldNotContain("handler=Close");
        var days = await demo.AsSystemAsync(async m => (await m.Send(new GetKiosk(kiosk.KioskId))).Value.Days);
        days.ShouldHaveSingleItem().Closed.ShouldBeTrue();
    }

    private Task<KioskDeviceKey> RegisterAsync(string code) =>
        demo.AsSystemAsync(async m => (await m.Send(new RegisterKiosk(code, "NORD", "Chioșc " + code))).Value);

    private Task<LocalDate> TodayAsync() =>
        Task.FromResult(demo.Portal.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Bucharest"]).Date);

    [GeneratedRegex("data-device-key>([^<]+)<")]
    private static partial Regex KeyShown();
}

public sealed class SqliteKioskScreenTests(SqliteDemoPortal demo) : KioskScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresKioskScreenTests(PostgresDemoPortal demo) : KioskScreenTests(demo), IClassFixture<PostgresDemoPortal>;
