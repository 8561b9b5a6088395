using System.Net;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>The language comes from the cookie, then the user's preference, then the browser; the switcher remembers it.</summary>
public abstract class LocalizationTests(TestDatabase database)
{
    [DbFact]
    public async Task Without_a_choice_the_browser_language_is_used()
    {
        await using var portal = new PortalFactory(database);
        var client = portal.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("lv-LV,lv;q=0.9");
        var html = await client.GetStringAsync("/Error");
        html.ShouldContain("<html lang=\"lv\">");
        html.ShouldContain("Radās kļūda");
    }

    [DbFact]
    public async Task The_language_switcher_remembers_the_choice_in_a_cookie()
    {
        await using var portal = new PortalFactory(database);
        var client = portal.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Error");
        var response = await PortalFactory.PostFormAsync(client, "/Language", token, ("culture", "ro"), ("returnUrl", "/Error"));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/Error");
        var html = await client.GetStringAsync("/Error");
        html.ShouldContain("<html lang=\"ro\">");
        html.ShouldContain("A apărut o eroare");
    }

    [DbFact]
    public async Task The_switcher_does_not_redirect_to_another_site()
    {
        await using var portal = new PortalFactory(database);
        var client = portal.Client();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Error");
        var response = await PortalFactory.PostFormAsync(client, "/Language", token, ("culture", "en"), ("returnUrl", "https://evil.example/"));
        response.Headers.Location!.ToString().ShouldBe("/");
    }

    [DbFact]
    public async Task A_signed_in_users_preference_applies_when_no_cookie_says_otherwise()
    {
        await using var portal = new PortalFactory(database);
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await client.GetAsync($"/test/sign-in?user={Guid.NewGuid()}&culture=lv");
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("modular.session=", StringComparison.Ordinal)).Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Profile/Tokens");
        request.Headers.Add("Cookie", session);
        request.Headers.AcceptLanguage.ParseAdd("en");
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        html.ShouldContain("<html lang=\"lv\">");
    }
}

public sealed class SqliteLocalizationTests(SqliteDatabase database) : LocalizationTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresLocalizationTests(PostgresDatabase database) : LocalizationTests(database), IClassFixture<PostgresDatabase>;
