using System.Net;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>Log-in errors tied to the form, and the throttle on credential pages.</summary>
public abstract class AccountPageTests(TestDatabase database)
{
    [DbFact]
    public async Task A_wrong_password_is_explained_and_no_session_starts()
    {
        await using var portal = new PortalFactory(database);
        var client = portal.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var response = await PortalFactory.PostFormAsync(client, "/Account/Login", token, ("Email", "nobody@example.com"), ("Password", "wrong-password-1"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("role=\"alert\"");
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [DbFact]
    public async Task Log_in_attempts_beyond_the_limit_are_throttled()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?> { ["Modular:Web:CredentialAttemptsPerMinute"] = "3" });
        var client = portal.Client();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await PortalFactory.PostFormAsync(client, "/Account/Login", token, ("Email", "x@example.com"), ("Password", "wrong-password-1"));
            statuses.Add(response.StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task The_registration_page_asks_for_the_client_code_and_proof_with_labelled_fields()
    {
        await using var portal = new PortalFactory(database);
        var client = portal.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("lv");
        var html = await client.GetStringAsync("/Account/Register");
        html.ShouldContain("<label for=\"ClientCode\">Klienta kods</label>");
        html.ShouldContain("<label for=\"ContractNumber\">Līguma numurs</label>");
        html.ShouldContain("name=\"__RequestVerificationToken\"");
    }
}

public sealed class SqliteAccountPageTests(SqliteDatabase database) : AccountPageTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresAccountPageTests(PostgresDatabase database) : AccountPageTests(database), IClassFixture<PostgresDatabase>;
