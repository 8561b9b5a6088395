using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Modular.Payments.Contracts;
using Modular.Web.Security;
using Modular.TestSupport;
using Shouldly;

namespace Modular.Web.Tests;

/// <summary>The forgotten-password flow and the antiforgery check on every form of the portal.</summary>
public abstract partial class ProfileTests
{
    [DbFact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link_which_then_no_longer_works()
    {
        var user = await demo.NewUserAsync("100013");
        var visitor = demo.Portal.Client();
        visitor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var known = await PostAsync(visitor, "/Account/ForgotPassword", "/Account/ForgotPassword", ("Email", user.Email));
        known.StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = await ProfileSupport.WaitForLinkAsync(demo.Portal.PickupFolder, user.Email, "/account/reset?token=");

        var page = await visitor.GetStringAsync(link);
        var token = WebUtility.HtmlDecode(Regex.Match(page, "name=\"Token\" value=\"([^\"]+)\"").Groups[1].Value);
        token.ShouldNotBeEmpty();
        var reset = await PortalFactory.PostFormAsync(visitor, "/account/reset", PortalFactory.AntiforgeryToken(page),
            ("Token", token), ("NewPassword", NewPassword), ("NewPasswordConfirmation", NewPassword));
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        reset.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await demo.TryLogInAsync(user.Email, NewPassword)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await demo.TryLogInAsync(user.Email, DemoPortal.Password)).Status.ShouldBe(HttpStatusCode.OK);

        const string Another = "Ploaie-peste-Retezat-2028";
        foreach (var used in new[] { token, "bogus-token-0123456789" })
        {
            var again = await PortalFactory.PostFormAsync(visitor, "/account/reset", await PortalFactory.AntiforgeryTokenAsync(visitor, link),
                ("Token", used), ("NewPassword", Another), ("NewPasswordConfirmation", Another));
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
            var html = await again.Content.ReadAsStringAsync();
            html.ShouldContain("role=\"alert\"");
            html.ShouldContain("This link is not valid any more");
        }

        (await demo.TryLogInAsync(user.Email, Another)).Status.ShouldBe(HttpStatusCode.OK);
        (await demo.TryLogInAsync(user.Email, NewPassword)).Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [DbFact]
    public async Task Asking_for_a_reset_of_an_unknown_address_answers_exactly_like_a_known_one_and_mails_nothing()
    {
        var user = await demo.NewUserAsync("100016");
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        var visitor = demo.Portal.Client();

        var known = await PostAsync(visitor, "/Account/ForgotPassword", "/Account/ForgotPassword", ("Email", user.Email));
        var other = await PostAsync(visitor, "/Account/ForgotPassword", "/Account/ForgotPassword", ("Email", unknown));

        other.StatusCode.ShouldBe(known.StatusCode);
        WithoutTokens(await other.Content.ReadAsStringAsync()).ShouldBe(WithoutTokens(await known.Content.ReadAsStringAsync()).Replace(user.Email, unknown));
        await ProfileSupport.WaitForLinkAsync(demo.Portal.PickupFolder, user.Email, "/account/reset?token=");
        ProfileSupport.Mails(demo.Portal.PickupFolder, unknown).ShouldBeEmpty();
    }

    [DbFact]
    public async Task Every_form_posted_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var user = await demo.NewUserAsync("100014");
        var other = await demo.CustomerDataAsync("100015");
        var client = await demo.LogInAsync(user);
        Guid tokenId;
        await using (var scope = demo.Portal.Services.CreateAsyncScope())
        {
            tokenId = (await scope.ServiceProvider.GetRequiredService<AccessTokenService>().CreateAsync(user.UserId, "kept", [TokenScopes.Read])).Value.Token.Id;
        }

        var meter = user.Meters[0].MeterId;
        var csvBefore = await client.GetStringAsync($"/Readings/History/{meter}?handler=Csv");
        var profileBefore = await demo.ProfileAsync(user.UserId);
        var paymentsBefore = await demo.AsUserAsync(user.UserId, async m => (await m.Send(new GetMyPayments())).Value.Count);
        var newEmail = $"new-{Guid.NewGuid():N}@example.com";

        (string Url, (string, string)[] Fields)[] signedIn =
        [
            ("/Profile?handler=Contact", [("Phone", "0733000111"), ("Culture", "lv")]),
            ("/Profile?handler=InvoiceByEmail", [("InvoiceByEmail", "true")]),
            ("/Profile?handler=Password", [("CurrentPassword", DemoPortal.Password), ("NewPassword", NewPassword), ("NewPasswordConfirmation", NewPassword)]),
            ("/Profile?handler=Email", [("NewEmail", newEmail), ("Password", DemoPortal.Password)]),
            ("/Profile?handler=Link", [("ClientCode", "100015"), ("ContractNumber", other.Contract.ContractNumber)]),
            ("/Profile?handler=Unlink", [("code", "100014")]),
            ("/Profile?handler=Terms", []),
            ("/Profile/Tokens?handler=Create", [("Name", "script"), ("Scopes", TokenScopes.Read)]),
            ("/Profile/Tokens?handler=Revoke", [("id", tokenId.ToString())]),
            ("/Readings", [("MeterId", meter.ToString()), ("Index", "99999"), ("ConfirmWarnings", "true")]),
            ("/Pay", [("InvoiceIds", user.Invoices[^1].InvoiceId.ToString()), ("IdempotencyKey", Guid.NewGuid().ToString())]),
            ("/Language", [("culture", "lv"), ("returnUrl", "/")]),
            ("/Account/Terms", []),
            ("/Account/Logout", []),
        ];
        foreach (var (url, fields) in signedIn)
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        }

        (string Url, (string, string)[] Fields)[] anonymous =
        [
            ("/Account/Login", [("Email", user.Email), ("Password", DemoPortal.Password)]),
            ("/Account/Register", [("ClientCode", "100015"), ("ContractNumber", other.Contract.ContractNumber), ("Email", newEmail),
                ("Password", NewPassword), ("PasswordConfirmation", NewPassword), ("AcceptTerms", "true")]),
            ("/Account/ForgotPassword", [("Email", user.Email)]),
            ("/account/reset", [("Token", "x"), ("NewPassword", NewPassword), ("NewPasswordConfirmation", NewPassword)]),
            ("/Account/Confirm", [("Token", "x")]),
            ("/account/confirm-email-change", [("Token", "x")]),
        ];
        var visitor = demo.Portal.Client();
        await visitor.GetAsync("/Account/Login"); // holds the antiforgery cookie, as a victim's browser would
        foreach (var (url, fields) in anonymous)
        {
            var response = await visitor.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            response.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeFalse(url + " set a cookie: " + string.Join(", ", cookies ?? []));
        }

        (await client.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK, "the session survives the refused log-out");
        var profile = await demo.ProfileAsync(user.UserId);
        profile.ShouldBeEquivalentTo(profileBefore);
        (await client.GetStringAsync($"/Readings/History/{meter}?handler=Csv")).ShouldBe(csvBefore);
        (await demo.AsUserAsync(user.UserId, async m => (await m.Send(new GetMyPayments())).Value.Count)).ShouldBe(paymentsBefore);
        var tokens = await HardeningTests.WithDbAsync(demo.Portal, db => db.AccessTokens.AsNoTracking().Where(t => t.UserId == user.UserId).ToListAsync());
        tokens.ShouldHaveSingleItem().RevokedAt.ShouldBeNull();
        (await demo.TryLogInAsync(user.Email, DemoPortal.Password)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await demo.AsSystemAsync(async m => (await m.Send(new Modular.Accounts.Contracts.GetInvoiceEmailRecipients(user.Contract.CustomerId))).Value))
            .ShouldNotContain(r => r.UserId == user.UserId);
        await OutboxWait.UntilDeliveredAsync(demo.Portal.Services.GetRequiredService<Autofac.ILifetimeScope>()); // anything accepted would have been mailed by now
        ProfileSupport.AccountMails(demo.Portal.PickupFolder, user.Email).ShouldBeEmpty();
        ProfileSupport.Mails(demo.Portal.PickupFolder, newEmail).ShouldBeEmpty();
    }

    [DbFact]
    public async Task Wrong_passwords_sent_to_one_instance_hold_the_account_back_on_another()
    {
        var user = await demo.NewUserAsync("100017");
        await using var second = new PortalFactory(demo.Database, clock: demo.Portal.Clock);
        for (var i = 0; i < 5; i++)
        {
            (await demo.TryLogInAsync(user.Email, "not-the-password-" + i)).Status.ShouldBe(HttpStatusCode.OK);
        }

        var client = second.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var refused = await PortalFactory.PostFormAsync(client, "/Account/Login", token, ("Email", user.Email), ("Password", DemoPortal.Password));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK, "the right password is refused while the account is held back");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Too many failed attempts.");
        demo.Portal.Clock.Advance(NodaTime.Duration.FromMinutes(16));
        var accepted = await PortalFactory.PostFormAsync(client, "/Account/Login", token, ("Email", user.Email), ("Password", DemoPortal.Password));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static string WithoutTokens(string html) => Regex.Replace(html, "value=\"CfDJ8[^\"]*\"", "value=\"\"");
}
