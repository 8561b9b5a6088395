using System.Net;
using System.Text.RegularExpressions;
using Modular.Core.Access;
using Modular.Notifications.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>
/// The outage screens (<c>/staff/outages</c>, <c>/new</c>, an outage's page) for staff with <c>outages.manage</c>, refused to
/// everyone else; bad input answered at its field with nothing stored; an update posted from two tabs on one version; the
/// public page <c>/outages</c> without sign-in in the three languages; the customer's dashboard and API.
/// </summary>
public abstract partial class OutageScreenTests(DemoPortal demo)
{
    public static TheoryData<string, bool> Roles => new()
    {
        { StaffRoles.Cashier, false },
        { StaffRoles.CustomerService, false },
        { StaffRoles.Supervisor, true },
        { StaffRoles.Administrator, true },
    };

    [DbTheory]
    [MemberData(nameof(Roles))]
    public async Task Only_staff_who_manage_outages_reach_the_screens_and_their_posts(string role, bool manages)
    {
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));
        var desk = await browser.GetStringAsync("/staff");

        desk.Contains("href=\"/staff/outages\"", StringComparison.Ordinal).ShouldBe(manages);
        foreach (var page in new[] { "/staff/outages", "/staff/outages/new" })
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
            var before = await CountAsync();
            var token = await PortalFactory.AntiforgeryTokenAsync(browser, "/staff");
            (await PortalFactory.PostFormAsync(browser, "/staff/outages/new", token, Form("Giurgiu"))).ShouldBeRefused();
            (await CountAsync()).ShouldBe(before);
        }
    }

    [DbFact]
    public async Task Signed_out_visitors_are_sent_to_the_staff_sign_in() =>
        (await demo.Portal.Client(https: true).GetAsync("/staff/outages")).ShouldBeSentToStaffSignIn();

    [DbFact]
    public async Task A_supervisor_records_an_outage_updates_it_and_ends_it_and_the_customer_sees_it_on_the_dashboard_and_in_the_api()
    {
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var address = await AliceAddressAsync();
        var street = address.Split(" nr.")[0];
        var town = address.Split(',')[^1].Trim();

        var now = demo.Portal.Clock.GetCurrentInstant();
        var created = await StaffDesk.PostAsync(browser, "/staff/outages/new", "/staff/outages/new",
            Form(town, $"{town}; {street}", Local(now.Minus(Duration.FromHours(1))), Local(now.Plus(Duration.FromHours(5)))));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = created.Headers.Location!.ToString();
        var html = await browser.GetStringAsync(page);
        html.ShouldContain("data-testid=\"premises\">");
        var outageId = Guid.Parse(page.Split('/')[^1]);
        await demo.Portal.Services.DrainOutboxAsync();

        var alice = await demo.LogInAsync(demo.Alice);
        var dashboard = await alice.GetStringAsync("/");
        dashboard.ShouldContain("data-testid=\"my-outages\"");
        dashboard.ShouldContain(WebUtility.HtmlEncode(address));

        var version = Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        var update = Fields(("Version", version), ("ExpectedEnd", Local(now.Plus(Duration.FromHours(9)))), ("TextRo", "Se prelungește."), ("TextEn", "Takes longer."),
            ("TextLv", "Ieilgst."));
        var first = await StaffDesk.PostAsync(browser, page, page + "?handler=Update", update);
        var second = await StaffDesk.PostAsync(browser, page, page + "?handler=Update", update);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).ShouldContain("Un coleg a modificat între timp întreruperea");

        var details = await demo.AsSystemAsync(m => m.Send(new GetOutage(outageId)));
        details.Value.Outage.Updates.ShouldBe(1);
        details.Value.Outage.Texts.Ro.ShouldBe("Se prelungește.");

        var ended = await StaffDesk.PostAsync(browser, page, page + "?handler=End", ("Version", details.Value.Outage.Version.ToString()),
            ("RestoredAt", Local(demo.Portal.Clock.GetCurrentInstant())));
        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetStringAsync(page)).ShouldNotContain("handler=End");
        (await alice.GetStringAsync("/")).ShouldNotContain("data-testid=\"my-outages\"");
    }

    [DbFact]
    public async Task Bad_input_is_answered_at_its_field_in_the_page_language_and_nothing_is_stored()
    {
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var before = await CountAsync();

        var endBeforeStart = await StaffDesk.PostAsync(browser, "/staff/outages/new", "/staff/outages/new",
            Form("Giurgiu", "Giurgiu", start: "2026-12-20T10:00", end: "2026-12-20T08:00"));
        var noArea = await StaffDesk.PostAsync(browser, "/staff/outages/new", "/staff/outages/new", Form("Giurgiu", string.Empty));
        var badPolygon = await StaffDesk.PostAsync(browser, "/staff/outages/new", "/staff/outages/new",
            [.. Form("Giurgiu", string.Empty), ("AreaGeoJson", "{\"type\":\"Polygon\",\"coordinates\":[]}")]);
        var badLine = await StaffDesk.PostAsync(browser, "/staff/outages/new", "/staff/outages/new", Form("Giurgiu", "Giurgiu; Str. Gării; 9-x"));

        (await FieldErrorAsync(endBeforeStart, "ExpectedEnd")).ShouldBe("Sfârșitul trebuie să fie după început.");
        (await FieldErrorAsync(noArea, "Streets")).ShouldStartWith("Indicați zona");
        (await FieldErrorAsync(badPolygon, "AreaGeoJson")).ShouldStartWith("Zona desenată nu este");
        (await FieldErrorAsync(badLine, "Streets")).ShouldStartWith("Rândul 1 nu poate fi citit");
        (await CountAsync()).ShouldBe(before);
    }

    [DbTheory]
    [InlineData("ro", "Întreruperi apă și canalizare", "Înlocuire de conductă")]
    [InlineData("en", "Water and sewerage outages", "Pipe replacement")]
    [InlineData("lv", "Ūdens un kanalizācijas pārtraukumi", "Cauruļvada nomaiņa")]
    public async Task The_public_page_lists_current_and_planned_outages_by_locality_without_sign_in(string language, string title, string text)
    {
        var town = "Orașul" + Guid.NewGuid().ToString("N")[..6];
        var now = demo.Portal.Clock.GetCurrentInstant();
        await demo.AsSystemAsync(m => m.Send(new AnnounceOutage(OutageKind.Planned, OutageServices.Water, now.Plus(Duration.FromDays(2)),
            now.Plus(Duration.FromDays(2) + Duration.FromHours(6)), new OutageTexts("Înlocuire de conductă.", "Pipe replacement.", "Cauruļvada nomaiņa."),
            [new OutageStreet(town)], null)));
        var visitor = demo.Portal.Client();
        visitor.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var response = await visitor.GetAsync("/outages");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain(title);
        var planned = html[html.IndexOf("data-testid=\"outages-planned\"", StringComparison.Ordinal)..];
        planned.ShouldContain($"<h3>{town}</h3>");
        planned.ShouldContain(text);
    }

    private static (string Name, string? Value)[] Form(string town, string? streets = null, string start = "2026-12-20T08:00", string end = "2026-12-20T16:00") =>
    [
        ("Kind", "Planned"), ("Water", "true"), ("Start", start), ("ExpectedEnd", end), ("TextRo", "Înlocuire conductă."),
        ("TextEn", "Pipe replacement."), ("TextLv", "Cauruļvada nomaiņa."), ("Streets", streets ?? town),
    ];

    private static (string Name, string? Value)[] Fields(params (string Name, string? Value)[] fields) => fields;

    private static string Local(Instant instant) =>
        instant.InZone(DateTimeZoneProviders.Tzdb["Europe/Bucharest"]).LocalDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm", null);

    private async Task<int> CountAsync() => (await demo.AsSystemAsync(m => m.Send(new ListOutages(true)))).Value.Count;

    private async Task<string> AliceAddressAsync() =>
        (await demo.AsSystemAsync(m => m.Send(new Accounts.Contracts.GetContract(demo.Alice.Meters[0].ContractId)))).Value.ServiceAddress;

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var match = Regex.Match(html, $"<p class=\"field-error\" id=\"{field}-error\">([^<]*)</p>");
        match.Success.ShouldBeTrue($"no error at {field}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

public sealed class SqliteOutageScreenTests(SqliteDemoPortal demo) : OutageScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresOutageScreenTests(PostgresDemoPortal demo) : OutageScreenTests(demo), IClassFixture<PostgresDemoPortal>;
