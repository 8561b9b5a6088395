using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Modular.TestSupport;
using Modular.Web.Platform;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>Headers, antiforgery, session cookies and their timeouts, and keys shared through the database.</summary>
public abstract class SecurityTests(TestDatabase database)
{
    [DbFact]
    public async Task Pages_carry_the_security_headers()
    {
        await using var portal = new PortalFactory(database);
        var response = await portal.Client().GetAsync("/Account/Login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
    }

    [DbFact]
    public async Task An_anonymous_visitor_is_sent_to_log_in()
    {
        await using var portal = new PortalFactory(database);
        var response = await portal.Client().GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [DbFact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        await using var portal = new PortalFactory(database);
        var client = await portal.SignedInClientAsync(Guid.NewGuid());
        var response = await client.PostAsync("/Profile/Tokens?handler=Create",
            new FormUrlEncodedContent([new("Name", "script"), new("Scopes", "read")]));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task The_session_cookie_is_http_only_and_same_site_lax_without_prefix_on_http()
    {
        await using var portal = new PortalFactory(database);
        var client = portal.Client();
        var response = await client.GetAsync($"/test/sign-in?user={Guid.NewGuid()}");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("modular.session=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
        cookie.ShouldContain("path=/");
    }

    [DbFact]
    public async Task Over_https_the_session_cookie_is_secure_and_has_the_host_prefix()
    {
        await using var portal = new PortalFactory(database);
        var client = portal.Client(https: true);
        var response = await client.GetAsync($"/test/sign-in?user={Guid.NewGuid()}");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-modular.session=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("secure");
        cookie.ShouldContain("httponly");
        cookie.ShouldNotContain("domain=");
        (await client.GetAsync("/Profile/Tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task A_session_ends_after_the_idle_timeout()
    {
        await using var portal = new PortalFactory(database);
        var client = await portal.SignedInClientAsync(Guid.NewGuid());
        var first = await client.GetAsync("/Profile/Tokens");
        first.StatusCode.ShouldBe(HttpStatusCode.OK, first.Headers.Location + await first.Content.ReadAsStringAsync());
        portal.Clock.Advance(Duration.FromMinutes(29));
        (await client.GetAsync("/Profile/Tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
        portal.Clock.Advance(Duration.FromMinutes(31));
        var idle = await client.GetAsync("/Profile/Tokens");
        idle.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        idle.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [DbFact]
    public async Task An_active_session_ends_at_the_absolute_timeout()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?>
        {
            ["Modular:Sessions:CustomerIdleMinutes"] = "60",
            ["Modular:Sessions:CustomerAbsoluteHours"] = "1",
            ["Modular:Sessions:StaffAbsoluteHours"] = "1",
        });
        var client = await portal.SignedInClientAsync(Guid.NewGuid());
        portal.Clock.Advance(Duration.FromMinutes(40));
        (await client.GetAsync("/Profile/Tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
        portal.Clock.Advance(Duration.FromMinutes(25));
        var expired = await client.GetAsync("/Profile/Tokens");
        expired.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        expired.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [DbFact]
    public async Task Two_instances_on_one_database_share_sessions_through_keys_stored_in_it()
    {
        await using var first = new PortalFactory(database);
        await using var second = new PortalFactory(database, clock: first.Clock);
        var signIn = await first.Client().GetAsync($"/test/sign-in?user={Guid.NewGuid()}");
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("modular.session=", StringComparison.Ordinal)).Split(';')[0];

        var other = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Profile/Tokens");
        request.Headers.Add("Cookie", session);
        (await other.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var scope = first.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<WebDbContext>().DataProtectionKeys.CountAsync()).ShouldBeGreaterThan(0);
    }
}

public sealed class SqliteSecurityTests(SqliteDatabase database) : SecurityTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresSecurityTests(PostgresDatabase database) : SecurityTests(database), IClassFixture<PostgresDatabase>;
