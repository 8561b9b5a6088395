using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Modular.Core.Audit;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// The portal cookie stands for a server-side session: ending it (log-out, a password change or reset, the profile's
/// session list) signs out every copy of the cookie, on every instance, on its next request.
/// </summary>
public abstract partial class SessionTests(DemoPortal demo)
{
    private const string NewPassword = "Zăpadă-pe-Parâng-2027";

    [DbFact]
    public async Task A_copied_cookie_is_refused_after_log_out_on_another_instance_too()
    {
        var user = await demo.NewUserAsync("100018");
        var (browser, cookie) = await LogInAsync(demo.Portal, user, "Browser-A", "203.0.113.10");
        await using var second = new PortalFactory(demo.Database);
        using var copy = CookieClient(demo.Portal, cookie);
        using var copyElsewhere = CookieClient(second, cookie);
        (await copy.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await copyElsewhere.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var token = await PortalFactory.AntiforgeryTokenAsync(browser, "/Profile");
        var loggedOut = await PortalFactory.PostFormAsync(browser, "/Account/Logout", token);

        loggedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ShouldBeSentToLogIn(await copy.GetAsync("/Profile"));
        ShouldBeSentToLogIn(await copyElsewhere.GetAsync("/Profile"));
        ShouldBeSentToLogIn(await browser.GetAsync("/Profile"));
    }

    [DbFact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var user = await demo.NewUserAsync("100019");
        var (here, _) = await LogInAsync(demo.Portal, user, "Browser-A", "203.0.113.10");
        var (elsewhere, _) = await LogInAsync(demo.Portal, user, "Browser-B", "203.0.113.20");

        var changed = await PostAsync(here, "/Profile", "/Profile?handler=Password",
            ("CurrentPassword", DemoPortal.Password), ("NewPassword", NewPassword), ("NewPasswordConfirmation", NewPassword));

        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await here.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldBeSentToLogIn(await elsewhere.GetAsync("/Profile"));
    }

    [DbFact]
    public async Task Resetting_the_password_ends_every_session()
    {
        var user = await demo.NewUserAsync("100020");
        var (browser, _) = await LogInAsync(demo.Portal, user, "Browser-A", "203.0.113.10");
        var visitor = demo.Portal.Client();
        (await PostAsync(visitor, "/Account/ForgotPassword", "/Account/ForgotPassword", ("Email", user.Email))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = await ProfileSupport.WaitForLinkAsync(demo.Portal.PickupFolder, user.Email, "/account/reset?token=");
        var page = await visitor.GetStringAsync(link);
        var resetToken = WebUtility.HtmlDecode(Regex.Match(page, "name=\"Token\" value=\"([^\"]+)\"").Groups[1].Value);

        var reset = await PortalFactory.PostFormAsync(visitor, "/account/reset", PortalFactory.AntiforgeryToken(page),
            ("Token", resetToken), ("NewPassword", NewPassword), ("NewPasswordConfirmation", NewPassword));

        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ShouldBeSentToLogIn(await browser.GetAsync("/Profile"));
    }

    [DbFact]
    public async Task The_profile_lists_the_active_sessions_and_ending_one_signs_that_browser_out()
    {
        var user = await demo.NewUserAsync("100021");
        var (here, _) = await LogInAsync(demo.Portal, user, "Browser-A", "203.0.113.10");
        var (elsewhere, _) = await LogInAsync(demo.Portal, user, "Browser-B", "203.0.113.20");

        // New users prefer Romanian.
        var html = await here.GetStringAsync("/Profile");

        var rows = SessionRow().Matches(html).ToDictionary(m => m.Groups[2].Value.Contains("Browser-A", StringComparison.Ordinal) ? "A" : "B", m => m);
        rows.Count.ShouldBe(2);
        rows["A"].Groups[2].Value.ShouldContain("203.0.113.10");
        rows["A"].Groups[2].Value.ShouldContain("Acest browser");
        rows["B"].Groups[2].Value.ShouldContain("203.0.113.20");
        rows["B"].Groups[2].Value.ShouldContain("Browser-B");
        rows["B"].Groups[2].Value.ShouldNotContain("Acest browser");

        var ended = await PortalFactory.PostFormAsync(here, "/Profile?handler=EndSession", PortalFactory.AntiforgeryToken(html), ("session", rows["B"].Groups[1].Value));

        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ShouldBeSentToLogIn(await elsewhere.GetAsync("/Profile"));
        var after = await here.GetStringAsync("/Profile");
        after.ShouldNotContain("Browser-B");
        after.ShouldContain("Browser-A");
        after.ShouldNotContain("Tokenurile API");
    }

    [DbFact]
    public async Task The_session_list_offers_to_revoke_api_tokens_which_outlive_sessions()
    {
        var user = await demo.NewUserAsync("100022");
        var (browser, _) = await LogInAsync(demo.Portal, user, "Browser-A", "203.0.113.10");
        (await browser.GetStringAsync("/Profile")).ShouldNotContain("Tokenurile API");

        (await PostAsync(browser, "/Profile/Tokens", "/Profile/Tokens?handler=Create", ("Name", "home meter script"), ("Scopes", "read")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var html = await browser.GetStringAsync("/Profile");
        html.ShouldContain("Tokenurile API");
        var tokensPage = await PostAsync(browser, "/Profile/Tokens", "/Profile/Tokens?handler=Create", ("Name", "second script"), ("Scopes", "read"));
        var secret = TokenSecret().Match(await tokensPage.Content.ReadAsStringAsync()).Value;
        secret.ShouldNotBeEmpty();
        (await Bearer(demo.Portal, secret).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var revoked = await PortalFactory.PostFormAsync(browser, "/Profile?handler=RevokeAllTokens", PortalFactory.AntiforgeryToken(html));

        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await browser.GetStringAsync(revoked.Headers.Location!.ToString());
        after.ShouldContain("Toate tokenurile API au fost revocate.");
        after.ShouldNotContain("Tokenurile API rămân valabile");
        (await Bearer(demo.Portal, secret).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var audit = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(UserId: user.UserId, PageSize: 100))).Value.Entries);
        audit.Count(e => e.Action == SecurityEvents.TokenCreated).ShouldBe(2);
        audit.Count(e => e.Action == SecurityEvents.TokenRevoked).ShouldBe(2);
    }

    [DbFact]
    public async Task One_setting_times_out_the_server_side_session_and_its_cookie()
    {
        await using var portal = new PortalFactory(demo.Database, new Dictionary<string, string?>
        {
            ["Modular:Sessions:CustomerIdleMinutes"] = "10",
            ["Modular:Sessions:StaffIdleMinutes"] = "10",
        });
        var user = await demo.NewUserAsync("100023");
        var (browser, cookie) = await LogInAsync(portal, user, "Browser-A", "203.0.113.10");
        using var copy = CookieClient(portal, cookie);

        portal.Clock.Advance(Duration.FromMinutes(9));
        (await browser.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        portal.Clock.Advance(Duration.FromMinutes(11));

        ShouldBeSentToLogIn(await browser.GetAsync("/Profile"));
        // The copy still carries a cookie the browser would have dropped: the server-side session refuses it too.
        ShouldBeSentToLogIn(await copy.GetAsync("/Profile"));
    }

    private static HttpClient Bearer(PortalFactory portal, string secret)
    {
        var client = portal.Client();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>Logs in through the real page from a browser of its own; answers the client and its session cookie ("name=value").</summary>
    private static async Task<(HttpClient Client, string Cookie)> LogInAsync(PortalFactory portal, PortalUser user, string userAgent, string address)
    {
        var client = portal.Client();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        client.DefaultRequestHeaders.Add(PortalFactory.RemoteAddressHeader, address);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var response = await PortalFactory.PostFormAsync(client, "/Account/Login", token, ("Email", user.Email), ("Password", DemoPortal.Password));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("modular.session=", StringComparison.Ordinal));
        return (client, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>Another browser presenting a copied cookie header (and keeping no cookies of its own).</summary>
    private static HttpClient CookieClient(PortalFactory portal, string cookie)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static void ShouldBeSentToLogIn(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, params (string Name, string? Value)[] fields)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, page);
        return await PortalFactory.PostFormAsync(client, action, token, fields);
    }

    [GeneratedRegex("mdl_[A-Za-z0-9_-]{20,}")]
    private static partial Regex TokenSecret();

    [GeneratedRegex("<tr data-session=\"([0-9a-f-]+)\"[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex SessionRow();
}

public sealed class SqliteSessionTests(SqliteDemoPortal demo) : SessionTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresSessionTests(PostgresDemoPortal demo) : SessionTests(demo), IClassFixture<PostgresDemoPortal>;
