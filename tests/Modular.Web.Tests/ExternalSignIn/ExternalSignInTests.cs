using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Modular.Accounts.Contracts;
using Modular.Core.Testing;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.ExternalSignIn;

/// <summary>
/// Registration, log-in and linking through a real OpenID Connect provider: the portal's handler fetches discovery and
/// keys and redeems the code over HTTP; the test plays the browser, following every redirect by hand.
/// </summary>
public abstract class ExternalSignInTests(ExternalSignInPortal fixture)
{
    private static readonly HttpClient Browser = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    [DbFact]
    public async Task Registering_through_a_provider_that_confirms_the_customers_identity_number_signs_in_without_email_confirmation()
    {
        var person = NewPerson(ExternalSignInPortal.CnpA);
        using var portal = Client();

        var (path, page) = await SignInThroughAsync(portal, fixture.Bank, person, "register");
        path.ShouldBe("/Account/ExternalRegister");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Înregistrare cu Banca de Test");
        html.ShouldContain(person.Email!);

        var registered = await RegisterAsync(portal, html, ExternalSignInPortal.ClientA, ExternalSignInPortal.ContractA, person.Email!);
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect, await registered.Content.ReadAsStringAsync());
        registered.Headers.Location!.OriginalString.ShouldBe("/");
        (await portal.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var contracts = await portal.GetStringAsync("/Contracts");
        contracts.ShouldContain(ExternalSignInPortal.ContractA);
    }

    [DbFact]
    public async Task A_linked_identity_logs_in_with_a_server_side_session_like_a_password_log_in()
    {
        var person = await RegisteredPersonAsync();
        using var portal = Client();

        var (path, _) = await SignInThroughAsync(portal, fixture.Bank, person, "login");

        path.ShouldBe("/");
        var profile = await portal.GetStringAsync("/Profile");
        profile.ShouldContain(person.Email!);
        // The session list of the profile shows the session this log-in started.
        profile.ShouldContain("data-session=");
    }

    [DbFact]
    public async Task A_callback_with_a_tampered_state_is_refused_and_signs_nobody_in()
    {
        var person = await RegisteredPersonAsync();
        using var portal = Client();
        var seen = fixture.Portal.Log.Count;

        var (path, page) = await SignInThroughAsync(portal, fixture.Bank, person, "login",
            callback => Replace(callback, "state", "CfDJ8-tampered-state"));

        await ShouldBeRefusedAsync(portal, path, page, "Banca de Test");
        RefusalLogged(seen, "message.State");
    }

    [DbFact]
    public async Task A_callback_carrying_another_browsers_state_and_code_is_refused()
    {
        var person = await RegisteredPersonAsync();
        using var victim = Client();
        using var attacker = Client();
        _ = await ProviderAnswerAsync(victim, fixture.Bank, NewPerson(ExternalSignInPortal.CnpB), "login");
        var attackersAnswer = await ProviderAnswerAsync(attacker, fixture.Bank, person, "login");
        var seen = fixture.Portal.Log.Count;

        // A valid state and code, but not issued to this browser: its correlation cookie does not match.
        var (path, page) = await ReturnToPortalAsync(victim, attackersAnswer);

        await ShouldBeRefusedAsync(victim, path, page, "Banca de Test");
        RefusalLogged(seen, "Correlation failed");
    }

    [DbFact]
    public async Task An_id_token_carrying_another_nonce_is_refused()
    {
        // IDX21323: no nonce cookie of this browser matches the token's nonce.
        await ShouldRefuseTokenAsync(TokenFault.WrongNonce, "IDX21323");
    }

    [DbFact]
    public async Task An_expired_id_token_is_refused()
    {
        // IDX10230: the lifetime check on the utility's clock refused it.
        await ShouldRefuseTokenAsync(TokenFault.Expired, "IDX10230");
    }

    [DbFact]
    public async Task An_id_token_signed_with_a_key_the_provider_does_not_publish_is_refused()
    {
        // IDX10503: the signing key is none of the provider's published keys.
        await ShouldRefuseTokenAsync(TokenFault.ForeignKey, "IDX10503");
    }

    [DbFact]
    public async Task Registering_with_the_identity_number_of_another_customer_is_refused_and_creates_nothing()
    {
        var person = NewPerson(ExternalSignInPortal.CnpB);
        using var portal = Client();
        var (_, page) = await SignInThroughAsync(portal, fixture.Bank, person, "register");

        var refused = await RegisterAsync(portal, await page.Content.ReadAsStringAsync(), ExternalSignInPortal.ClientA, ExternalSignInPortal.ContractA, person.Email!);

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Identitatea confirmată de bancă sau eID nu este a clientului");
        (await portal.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Nothing was linked: the same identity is still unknown at the next log-in.
        using var again = Client();
        (await SignInThroughAsync(again, fixture.Bank, person, "login")).Path.ShouldBe("/Account/ExternalRegister");
    }

    [DbFact]
    public async Task A_provider_that_is_down_gets_a_localized_error_page_not_a_server_error()
    {
        await fixture.Eid.StopAsync();
        using var portal = Client();

        var response = await portal.GetAsync("/Account/External?provider=eid&intent=login");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("eID de test nu poate fi contactat momentan");
        html.ShouldNotContain(" at Microsoft.");
        html.ShouldNotContain("IDX");
    }

    [DbFact]
    public async Task Removing_the_only_way_to_sign_in_is_refused()
    {
        var person = NewPerson(ExternalSignInPortal.CnpA);
        using var portal = Client();
        var (_, page) = await SignInThroughAsync(portal, fixture.Bank, person, "register");
        (await RegisterAsync(portal, await page.Content.ReadAsStringAsync(), ExternalSignInPortal.ClientA, ExternalSignInPortal.ContractA, person.Email!))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var token = await PortalFactory.AntiforgeryTokenAsync(portal, "/Profile/SignInMethods");
        var refused = await PortalFactory.PostFormAsync(portal, "/Profile/SignInMethods?handler=Unlink", token, ("provider", "bank"));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Nu puteți elimina singura modalitate de autentificare");
        using var again = Client();
        (await SignInThroughAsync(again, fixture.Bank, person, "login")).Path.ShouldBe("/");
    }

    [DbFact]
    public async Task A_password_user_links_a_provider_logs_in_with_it_and_unlinks_it()
    {
        var email = $"parola-{Guid.NewGuid():N}@example.com";
        await fixture.AsSystemAsync(m => m.Send(new EnsureDemoUser(email, ExternalSignInPortal.Password, ExternalSignInPortal.ClientB)));
        using var portal = Client();
        var token = await PortalFactory.AntiforgeryTokenAsync(portal, "/Account/Login");
        (await PortalFactory.PostFormAsync(portal, "/Account/Login", token, ("Email", email), ("Password", ExternalSignInPortal.Password)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var person = NewPerson(ExternalSignInPortal.CnpB);

        var (linkedAt, linked) = await SignInThroughAsync(portal, fixture.Bank, person, "link");
        linkedAt.ShouldBe("/Profile/SignInMethods");
        (await linked.Content.ReadAsStringAsync()).ShouldContain("Banca de Test este legat");

        using (var other = Client())
        {
            (await SignInThroughAsync(other, fixture.Bank, person, "login")).Path.ShouldBe("/");
            (await other.GetStringAsync("/Profile")).ShouldContain(email);
        }

        token = await PortalFactory.AntiforgeryTokenAsync(portal, "/Profile/SignInMethods");
        var unlinked = await PortalFactory.PostFormAsync(portal, "/Profile/SignInMethods?handler=Unlink", token, ("provider", "bank"));
        (await unlinked.Content.ReadAsStringAsync()).ShouldContain("Legătura a fost eliminată");
        using var afterwards = Client();
        (await SignInThroughAsync(afterwards, fixture.Bank, person, "login")).Path.ShouldBe("/Account/ExternalRegister");
    }

    [DbFact]
    public async Task With_password_registration_off_the_register_page_offers_only_providers_and_refuses_a_password_form()
    {
        await using var closed = new PortalFactory(fixture.Database, fixture.Settings(passwordRegistration: false));
        using var client = closed.Client(https: true);

        var html = await client.GetStringAsync("/Account/Register");
        html.ShouldContain("data-provider=\"bank\"");
        html.ShouldNotContain("name=\"Password\"");

        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var refused = await PortalFactory.PostFormAsync(client, "/Account/Register", token,
            ("ClientCode", ExternalSignInPortal.ClientA), ("ContractNumber", ExternalSignInPortal.ContractA), ("Email", $"x-{Guid.NewGuid():N}@example.com"),
            ("Password", "Munte-și-vale-2026"), ("PasswordConfirmation", "Munte-și-vale-2026"), ("AcceptTerms", "true"));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Înregistrarea cu parolă nu este disponibilă");
    }

    /// <summary>The refusal is for <paramref name="reason"/> (the handler's own message in the log), not for anything else.</summary>
    private async Task ShouldRefuseTokenAsync(TokenFault fault, string reason)
    {
        var person = await RegisteredPersonAsync();
        using var portal = Client();
        var seen = fixture.Portal.Log.Count;
        fixture.Bank.Fault = fault;
        try
        {
            var (path, page) = await SignInThroughAsync(portal, fixture.Bank, person, "login");
            await ShouldBeRefusedAsync(portal, path, page, "Banca de Test");
            RefusalLogged(seen, reason);
        }
        finally
        {
            fixture.Bank.Fault = TokenFault.None;
        }
    }

    private void RefusalLogged(int seen, string reason) =>
        fixture.Portal.Log.Skip(seen).ShouldContain(l => l.StartsWith("Sign-in with bank failed (refused)", StringComparison.Ordinal) && l.Contains(reason), string.Join("\n", fixture.Portal.Log.Skip(seen)));

    private static async Task ShouldBeRefusedAsync(HttpClient portal, string path, HttpResponseMessage page, string providerName)
    {
        path.ShouldBe("/Account/External");
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).ShouldContain($"Autentificarea prin {providerName} nu s-a încheiat");
        (await portal.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>A person registered through the bank for customer A, with a browser of their own that is then discarded.</summary>
    private async Task<TestPerson> RegisteredPersonAsync()
    {
        var person = NewPerson(ExternalSignInPortal.CnpA);
        using var portal = Client();
        var (_, page) = await SignInThroughAsync(portal, fixture.Bank, person, "register");
        var registered = await RegisterAsync(portal, await page.Content.ReadAsStringAsync(), ExternalSignInPortal.ClientA, ExternalSignInPortal.ContractA, person.Email!);
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect, await registered.Content.ReadAsStringAsync());
        return person;
    }

    private static TestPerson NewPerson(string cnp)
    {
        var id = Guid.NewGuid().ToString("N");
        return new TestPerson("subject-" + id, cnp, $"eid-{id}@example.com");
    }

    private HttpClient Client() => fixture.Portal.Client(https: true);

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient portal, string html, string clientCode, string contract, string email) =>
        PortalFactory.PostFormAsync(portal, "/Account/ExternalRegister", PortalFactory.AntiforgeryToken(html),
            ("ClientCode", clientCode), ("ContractNumber", contract), ("Email", email), ("AcceptTerms", "true"));

    /// <summary>
    /// Follows the whole round trip: the portal's challenge, the provider's authorization endpoint (real HTTP), the
    /// callback (optionally tampered with) and the portal's redirects after it. Answers the last local path and response.
    /// </summary>
    private async Task<(string Path, HttpResponseMessage Response)> SignInThroughAsync(HttpClient portal, TestOpenIdProvider provider,
        TestPerson person, string intent, Func<Uri, Uri>? tamper = null)
    {
        var callback = await ProviderAnswerAsync(portal, provider, person, intent);
        return await ReturnToPortalAsync(portal, tamper is null ? callback : tamper(callback));
    }

    /// <summary>The portal's challenge and the provider's authorization endpoint (real HTTP): the callback address it answers.</summary>
    private async Task<Uri> ProviderAnswerAsync(HttpClient portal, TestOpenIdProvider provider, TestPerson person, string intent)
    {
        provider.Next = person;
        var start = await portal.GetAsync($"/Account/External?provider={ProviderOf(provider)}&intent={intent}");
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect, await start.Content.ReadAsStringAsync());
        var authorize = start.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Authority).ShouldBe(provider.Authority.TrimEnd('/'));

        var answer = await Browser.GetAsync(authorize);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        var callback = answer.Headers.Location!;
        callback.AbsolutePath.ShouldStartWith("/signin-");
        return callback;
    }

    /// <summary>The callback and the portal's redirects after it: the last local path and response.</summary>
    private static async Task<(string Path, HttpResponseMessage Response)> ReturnToPortalAsync(HttpClient portal, Uri callback)
    {
        var path = callback.AbsolutePath;
        var response = await portal.GetAsync(callback.PathAndQuery);
        for (var hops = 0; response.StatusCode == HttpStatusCode.Redirect && hops < 5; hops++)
        {
            var next = response.Headers.Location!;
            var local = next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString;
            path = local.Split('?')[0];
            response = await portal.GetAsync(local);
        }

        return (path, response);
    }

    private string ProviderOf(TestOpenIdProvider provider) => provider == fixture.Bank ? "bank" : "eid";

    private static Uri Replace(Uri uri, string name, string value)
    {
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query[name] = value;
        return new Uri(QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query));
    }
}

public sealed class SqliteExternalSignInTests(SqliteExternalSignInPortal fixture) : ExternalSignInTests(fixture), IClassFixture<SqliteExternalSignInPortal>;

[Postgres]
public sealed class PostgresExternalSignInTests(PostgresExternalSignInPortal fixture) : ExternalSignInTests(fixture), IClassFixture<PostgresExternalSignInPortal>;
