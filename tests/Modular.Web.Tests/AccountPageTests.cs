using System.Net;
using Modular.Core.Limits;
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
    public async Task An_ipv6_client_is_throttled_per_64_whatever_addresses_it_rotates_through()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?> { ["Modular:Web:CredentialAttemptsPerMinute"] = "3" });
        var client = portal.Client();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 5; i++)
        {
            statuses.Add((await LogInFromAsync(client, token, $"2001:db8:5:6:{i:x}::{i:x}")).StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await LogInFromAsync(client, token, "2001:db8:5:7::1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task A_log_in_beyond_the_password_hashing_queue_answers_503_with_retry_after_and_a_later_one_works()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?>
        {
            ["Modular:Accounts:PasswordHashing:MaxConcurrent"] = "1",
            ["Modular:Accounts:PasswordHashing:MaxQueued"] = "0",
        });
        var client = portal.Client();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var hasherType = Type.GetType("Modular.Accounts.Security.PasswordHasher, Modular.Accounts", throwOnError: true)!;
        var gate = (WorkGate)hasherType.GetProperty("Gate")!.GetValue(portal.Services.GetService(hasherType))!;

        // Another hash holds the only slot (as a flood would): the log-in is refused at once instead of waiting for it.
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holding = Task.Run(() => gate.RunAsync(() =>
        {
            entered.Set();
            release.Wait(TimeSpan.FromMinutes(1));
            return 0;
        }));
        entered.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
        var refused = await LogInFromAsync(client, token, "198.51.100.9");
        release.Set();
        await holding;

        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(5));
        (await LogInFromAsync(client, token, "198.51.100.9")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> LogInFromAsync(HttpClient client, string token, string from)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("Email", "x@example.com"), new("Password", "wrong-password-1"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add(PortalFactory.RemoteAddressHeader, from);
        return client.SendAsync(request);
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
