using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// What a customer reads on the portal's pages (in Romanian, the default): short payment statuses, dates in the page's
/// culture, a reading warning that names the meter, the previous index after a correction, the sandbox page's style.
/// </summary>
public abstract partial class PortalPolishTests(DemoPortal demo)
{
    [DbFact]
    public async Task The_payments_page_shows_each_payments_status_as_a_short_badge_not_a_sentence()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var html = await client.GetStringAsync("/Payments");
        html.ShouldContain("<span class=\"status status-settled\"");
        html.ShouldContain(">Primită</span>");
        html.ShouldNotContain(">Plata a fost primită. Vă mulțumim!<");
    }

    [DbFact]
    public async Task The_token_page_shows_its_dates_in_the_pages_culture_not_iso()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Profile/Tokens");
        var created = await PortalFactory.PostFormAsync(client, "/Profile/Tokens?handler=Create", token, ("Name", "contor bucătărie"), ("Scopes", "read"));
        created.StatusCode.ShouldBe(HttpStatusCode.OK, await created.Content.ReadAsStringAsync());

        var html = await client.GetStringAsync("/Profile/Tokens");
        html.ShouldContain("contor bucătărie");
        IsoDate().IsMatch(html).ShouldBeFalse("an ISO date on the token page: " + IsoDate().Match(html).Value);
        RomanianDate().IsMatch(html).ShouldBeTrue("no date as Romanian readers write it (dd.MM.yyyy)");
    }

    [DbFact]
    public async Task The_reading_warning_says_which_meter_and_where()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var meter = demo.Alice.Meters.First(m => m.Window.CanSubmit);
        var page = await SubmitAsync(client, meter, (meter.PreviousIndex ?? meter.InitialIndex) + 900m);

        var outcome = page[page.IndexOf("id=\"reading-outcome\"", StringComparison.Ordinal)..];
        outcome = outcome[..outcome.IndexOf("</div>", StringComparison.Ordinal)];
        outcome.ShouldContain("Vă rugăm să-l confirmați");
        outcome.ShouldContain(meter.Serial);
        var address = (await demo.AsSystemAsync(m => m.Send(new Accounts.Contracts.GetContract(meter.ContractId)))).Value.ServiceAddress;
        outcome.ShouldContain(WebUtility.HtmlEncode(address));
    }

    [DbFact]
    public async Task After_a_correction_in_the_same_window_the_previous_index_is_still_the_earlier_periods_reading()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var meter = demo.Alice.Meters.First(m => m.Window.CanSubmit);
        var previous = meter.PreviousIndex ?? meter.InitialIndex;

        (await SubmitAsync(client, meter, previous + 5m, confirm: true)).ShouldContain("id=\"reading-outcome\"");
        await SubmitAsync(client, meter, previous + 4m, confirm: true);

        var html = await client.GetStringAsync("/Readings");
        var section = html[html.IndexOf($"id=\"meter-{meter.MeterId:N}\"", StringComparison.Ordinal)..];
        Between(section, "data-testid=\"previous-index\">", "<").ShouldBe(Quantity(previous, meter.DecimalPlaces));
        Between(section, "data-testid=\"current-period-index\">", "<").ShouldBe(Quantity(previous + 4m, meter.DecimalPlaces));
    }

    [DbFact]
    public async Task The_sandbox_gateways_page_wears_the_portals_style_and_fits_a_phone()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var html = await client.GetStringAsync("/Pay");
        var invoice = Regex.Match(html, "name=\"InvoiceIds\" value=\"([^\"]+)\"").Groups[1].Value;
        var key = Regex.Match(html, "name=\"IdempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value;
        var started = await PortalFactory.PostFormAsync(client, "/Pay", PortalFactory.AntiforgeryToken(html), ("IdempotencyKey", key), ("InvoiceIds", invoice),
            ("CustomerId", demo.Alice.Customer.CustomerId.ToString()));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect, await started.Content.ReadAsStringAsync());

        var sandbox = await client.GetStringAsync(started.Headers.Location);
        sandbox.ShouldContain("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sandbox.ShouldContain("<link rel=\"stylesheet\" href=\"/css/site.css\">");
        sandbox.ShouldContain("<header class=\"site-header\">");
        (await client.GetAsync("/css/site.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<string> SubmitAsync(HttpClient client, MeterView meter, decimal index, bool confirm = false)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Readings");
        var response = await PortalFactory.PostFormAsync(client, "/Readings", token, ("MeterId", meter.MeterId.ToString()),
            ("Index", index.ToString(CultureInfo.InvariantCulture)), ("ConfirmWarnings", confirm ? "true" : "false"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Quantity(decimal value, int decimals) => value.ToString("N" + decimals, CultureInfo.GetCultureInfo("ro-RO"));

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        from.ShouldBeGreaterThanOrEqualTo(0, start + " is missing");
        from += start.Length;
        return WebUtility.HtmlDecode(text[from..text.IndexOf(end, from, StringComparison.Ordinal)]);
    }

    [GeneratedRegex(@"\b20\d\d-\d\d-\d\d\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b\d\d\.\d\d\.20\d\d\b")]
    private static partial Regex RomanianDate();
}

public sealed class SqlitePortalPolishTests(SqliteDemoPortal demo) : PortalPolishTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresPortalPolishTests(PostgresDemoPortal demo) : PortalPolishTests(demo), IClassFixture<PostgresDemoPortal>;
