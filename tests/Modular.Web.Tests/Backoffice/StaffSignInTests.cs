using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>
/// The back office's own scheme: a Strict, Secure, HttpOnly cookie on /staff over a server-side staff session checked on
/// every request; password then a second factor; customer credentials never reach /staff and staff ones nothing else.
/// </summary>
public abstract class StaffSignInTests(DemoPortal demo)
{
    [DbFact]
    public async Task Signing_in_takes_the_password_then_the_authenticator_code_and_sets_a_strict_secure_cookie_on_staff()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.CustomerService);
        var client = demo.Portal.Client(https: true);
        (await client.GetAsync("/staff")).ShouldBeSentToStaffSignIn();

        var wrongCode = await StaffDesk.PostSignInAsync(client, staff.Email, staff.Password, "000000");
        wrongCode.StatusCode.ShouldBe(HttpStatusCode.OK);
        var wrongPassword = await StaffDesk.PostSignInAsync(client, staff.Email, "not-the-password", staff.CodeAt(demo.Portal.Clock.GetCurrentInstant()));
        wrongPassword.StatusCode.ShouldBe(HttpStatusCode.OK);
        wrongPassword.Headers.Contains("Set-Cookie").ShouldBeFalse();

        var signedIn = await StaffDesk.PostSignInAsync(client, staff.Email, staff.Password, staff.CodeAt(demo.Portal.Clock.GetCurrentInstant()));

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Secure-modular.staff=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("path=/staff");
        cookie.ShouldContain("secure");
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=strict");
        var home = await client.GetAsync("/staff");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain(staff.Email);
    }

    [DbFact]
    public async Task A_recovery_code_signs_in_once()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.Cashier);
        var code = staff.Enrolment.RecoveryCodes[0];
        await demo.SignInAsync(staff, code);

        var again = await StaffDesk.PostSignInAsync(demo.Portal.Client(https: true), staff.Email, staff.Password, code);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task A_customer_cookie_or_an_access_token_on_staff_pages_leads_to_the_staff_sign_in()
    {
        var customer = await demo.LogInAsync(demo.Alice);
        (await customer.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await customer.GetAsync("/staff/customers")).ShouldBeSentToStaffSignIn();
        (await customer.GetAsync("/staff")).ShouldBeSentToStaffSignIn();

        var token = await TokenTests.CreateAsync(demo.Portal, demo.Alice.UserId, "desk probe", "read");
        using var api = TokenTests.Api(demo.Portal, token.Secret);
        (await api.GetAsync("/api/v1/contracts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/staff/customers")).ShouldBeSentToStaffSignIn();
    }

    [DbFact]
    public async Task A_staff_cookie_authenticates_neither_customer_pages_nor_the_api()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.Administrator);
        var cookie = await SignedInCookieAsync(staff);
        var value = cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..];

        // The browser never sends it outside /staff (its path); presented there anyway, under its own or the portal's name, it is nobody.
        foreach (var header in new[] { cookie, "__Host-modular.session=" + value, "modular.session=" + value })
        {
            using var copy = CookieClient(header);
            var profile = await copy.GetAsync("/Profile");
            profile.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            profile.Headers.Location!.ToString().ShouldContain("/Account/Login");
            (await copy.GetAsync("/api/v1/contracts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var staffCopy = CookieClient(cookie);
        (await staffCopy.GetAsync("/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task A_copied_staff_cookie_is_refused_after_log_out()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var browser = demo.Portal.Client(https: true);
        var signedIn = await StaffDesk.PostSignInAsync(browser, staff.Email, staff.Password, staff.CodeAt(demo.Portal.Clock.GetCurrentInstant()));
        var cookie = CookieOf(signedIn);
        using var copy = CookieClient(cookie);
        (await copy.GetAsync("/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var loggedOut = await StaffDesk.PostAsync(browser, "/staff", "/staff/Logout");

        loggedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await copy.GetAsync("/staff")).ShouldBeSentToStaffSignIn();
        (await browser.GetAsync("/staff")).ShouldBeSentToStaffSignIn();
    }

    [DbFact]
    public async Task The_staff_session_ends_after_the_idle_timeout()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.Cashier);
        var browser = await demo.SignInAsync(staff);
        demo.Portal.Clock.Advance(Duration.FromMinutes(14));
        (await browser.GetAsync("/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Modular:Accounts:Sessions:StaffIdleMinutes is 15 by default.
        demo.Portal.Clock.Advance(Duration.FromMinutes(15) + Duration.FromSeconds(1));

        (await browser.GetAsync("/staff")).ShouldBeSentToStaffSignIn();
    }

    [DbFact]
    public async Task Disabling_the_account_ends_its_session_at_once()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var browser = await demo.SignInAsync(staff);
        (await browser.GetAsync("/staff/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await demo.AsSystemAsync(m => m.Send(new DisableStaffMember(staff.Id)))).IsSuccess.ShouldBeTrue();

        (await browser.GetAsync("/staff/audit")).ShouldBeSentToStaffSignIn();
    }

    [DbFact]
    public async Task A_staff_post_without_the_forms_antiforgery_token_is_refused()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.Supervisor);
        var browser = await demo.SignInAsync(staff);

        var logout = await browser.PostAsync("/staff/Logout", new FormUrlEncodedContent([]));

        logout.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<string> SignedInCookieAsync(StaffMember staff)
    {
        var response = await StaffDesk.PostSignInAsync(demo.Portal.Client(https: true), staff.Email, staff.Password,
            staff.CodeAt(demo.Portal.Clock.GetCurrentInstant()));
        return CookieOf(response);
    }

    private static string CookieOf(HttpResponseMessage response)
    {
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Secure-modular.staff=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>Another browser presenting a copied cookie header over HTTPS (and keeping no cookies of its own).</summary>
    private HttpClient CookieClient(string cookie)
    {
        var client = demo.Portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}

public sealed class SqliteStaffSignInTests(SqliteDemoPortal demo) : StaffSignInTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresStaffSignInTests(PostgresDemoPortal demo) : StaffSignInTests(demo), IClassFixture<PostgresDemoPortal>;
