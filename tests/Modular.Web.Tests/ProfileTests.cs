using System.Net;
using System.Text.RegularExpressions;
using Modular.Accounts.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// The profile forms and the password reset, through the real pages, checked by their effect: what the user then sees,
/// what the Accounts module stores, which passwords and addresses log in, and the mails in the pickup folder. Each test
/// has a user of its own on its own demo client codes (new users prefer Romanian).
/// </summary>
public abstract partial class ProfileTests(DemoPortal demo)
{
    private const string NewPassword = "Zăpadă-pe-Parâng-2027";

    [DbFact]
    public async Task Logging_in_before_confirming_offers_a_new_confirmation_link_and_sends_it()
    {
        var customer = await demo.CustomerDataAsync("100025");
        var email = $"unconfirmed-{Guid.NewGuid():N}@example.com";
        var visitor = demo.Portal.Client();
        var registered = await PostAsync(visitor, "/Account/Register", "/Account/Register", ("ClientCode", "100025"),
            ("ContractNumber", customer.Contract.ContractNumber), ("Email", email), ("Password", NewPassword), ("PasswordConfirmation", NewPassword),
            ("AcceptTerms", "true"));
        registered.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);
        var links = await ConfirmationLinksAsync(email, 1);

        var refused = await PostAsync(visitor, "/Account/Login", "/Account/Login", ("Email", email), ("Password", NewPassword));
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain("Confirmați mai întâi adresa de email");
        page.ShouldContain("Trimiteți-mi un nou link de confirmare");
        var resent = await PortalFactory.PostFormAsync(visitor, "/Account/Login?handler=Resend", PortalFactory.AntiforgeryToken(page), ("Email", email));

        (await resent.Content.ReadAsStringAsync()).ShouldContain("un nou link de confirmare este pe drum");
        var after = await ConfirmationLinksAsync(email, 2);
        after.Distinct().Count().ShouldBe(2, "a new link, not the first one again");
        var wrong = await PostAsync(visitor, "/Account/Login", "/Account/Login", ("Email", email), ("Password", "not-the-password-1"));
        (await wrong.Content.ReadAsStringAsync()).ShouldNotContain("Trimiteți-mi un nou link de confirmare");
    }

    /// <summary>Waits, with a deadline, until <paramref name="count"/> confirmation mails reached the address.</summary>
    private async Task<List<string>> ConfirmationLinksAsync(string email, int count)
    {
        var links = await Poll.ForAsync(() => Task.FromResult(ProfileSupport.Mails(demo.Portal.PickupFolder, email)
            .Select(m => m.FindLink("/account/confirm?token=")).OfType<string>().ToList() is { } found && found.Count >= count ? found : null),
            $"{count} confirmation mails to {email}");
        links.Count.ShouldBe(count);
        return links;
    }

    [DbFact]
    public async Task Linking_a_second_client_code_with_its_proof_shows_that_customers_contract_and_invoices()
    {
        var user = await demo.NewUserAsync("100003");
        var second = await demo.CustomerDataAsync("100004");
        var client = await demo.LogInAsync(user);
        (await client.GetStringAsync("/Contracts")).ShouldNotContain(second.Contract.ContractNumber);

        var response = await PostAsync(client, "/Profile", "/Profile?handler=Link", ("ClientCode", "100004"), ("ContractNumber", second.Contract.ContractNumber));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var contracts = await client.GetStringAsync("/Contracts");
        contracts.ShouldContain(user.Contract.ContractNumber);
        contracts.ShouldContain(second.Contract.ContractNumber);
        (await client.GetStringAsync("/Invoices")).ShouldContain(second.Invoices[0].Number);
        (await client.GetAsync($"/Invoices/{second.Invoices[0].InvoiceId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await demo.ProfileAsync(user.UserId)).Customers.Select(c => c.ClientCode).Order().ShouldBe(["100003", "100004"]);
    }

    [DbFact]
    public async Task A_wrong_proof_is_explained_at_the_client_code_in_the_users_language_and_links_nothing()
    {
        var user = await demo.NewUserAsync("100007");
        var client = await demo.LogInAsync(user);

        var response = await PostAsync(client, "/Profile", "/Profile?handler=Link", ("ClientCode", "100008"), ("ContractNumber", "CT-999999-9"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("aria-describedby=\"ClientCode-error\"");
        ErrorOf(html, "ClientCode").ShouldBe("Codul de client și datele introduse nu corespund evidențelor noastre.");
        (await demo.ProfileAsync(user.UserId)).Customers.Select(c => c.ClientCode).ShouldBe(["100007"]);
        var second = await demo.CustomerDataAsync("100008");
        (await client.GetStringAsync("/Contracts")).ShouldNotContain(second.Contract.ContractNumber);
    }

    [DbFact]
    public async Task Unlinking_a_client_code_hides_its_data_and_its_invoices_answer_not_found()
    {
        var user = await demo.NewUserAsync("100005");
        var second = await demo.CustomerDataAsync("100006");
        var client = await demo.LogInAsync(user);
        (await PostAsync(client, "/Profile", "/Profile?handler=Link", ("ClientCode", "100006"), ("ContractNumber", second.Contract.ContractNumber)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync($"/Invoices/{second.Invoices[0].InvoiceId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await PostAsync(client, "/Profile", "/Profile?handler=Unlink", ("code", "100006"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await demo.ProfileAsync(user.UserId)).Customers.Select(c => c.ClientCode).ShouldBe(["100005"]);
        var contracts = await client.GetStringAsync("/Contracts");
        contracts.ShouldContain(user.Contract.ContractNumber);
        contracts.ShouldNotContain(second.Contract.ContractNumber);
        (await client.GetStringAsync("/Invoices")).ShouldNotContain(second.Invoices[0].Number);
        foreach (var invoice in second.Invoices)
        {
            (await client.GetAsync($"/Invoices/{invoice.InvoiceId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await client.GetAsync($"/Readings/History/{second.Meters[0].MeterId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task A_wrong_current_password_changes_nothing_and_after_a_change_only_the_new_password_logs_in()
    {
        var user = await demo.NewUserAsync("100009");
        var client = await demo.LogInAsync(user);

        var wrong = await PostAsync(client, "/Profile", "/Profile?handler=Password",
            ("CurrentPassword", "not-the-password-1"), ("NewPassword", NewPassword), ("NewPasswordConfirmation", NewPassword));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorOf(await wrong.Content.ReadAsStringAsync(), "CurrentPassword").ShouldBe("Parola actuală nu este corectă.");
        (await demo.TryLogInAsync(user.Email, NewPassword)).Status.ShouldBe(HttpStatusCode.OK);
        (await demo.TryLogInAsync(user.Email, DemoPortal.Password)).Status.ShouldBe(HttpStatusCode.Redirect);

        var changed = await PostAsync(client, "/Profile", "/Profile?handler=Password",
            ("CurrentPassword", DemoPortal.Password), ("NewPassword", NewPassword), ("NewPasswordConfirmation", NewPassword));

        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await demo.TryLogInAsync(user.Email, DemoPortal.Password)).Status.ShouldBe(HttpStatusCode.OK);
        (await demo.TryLogInAsync(user.Email, NewPassword)).Status.ShouldBe(HttpStatusCode.Redirect);

        // The notice mailed to the owner links to the forgotten-password page, in case it was not them.
        var forgot = await ProfileSupport.WaitForLinkAsync(demo.Portal.PickupFolder, user.Email, "/account/forgot");
        (await demo.Portal.Client().GetStringAsync(forgot)).ShouldContain("name=\"Email\"");
    }

    [DbFact]
    public async Task A_new_email_address_logs_in_only_after_the_link_sent_to_it_is_followed()
    {
        var user = await demo.NewUserAsync("100010");
        var client = await demo.LogInAsync(user);
        var newEmail = $"new-{Guid.NewGuid():N}@example.com";

        var response = await PostAsync(client, "/Profile", "/Profile?handler=Email", ("NewEmail", newEmail), ("Password", DemoPortal.Password));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = await ProfileSupport.WaitForLinkAsync(demo.Portal.PickupFolder, newEmail, "/account/confirm-email-change?token=");
        ProfileSupport.Mails(demo.Portal.PickupFolder, user.Email).ShouldNotContain(m => m.FindLink("/account/confirm-email-change") != null);
        (await demo.TryLogInAsync(user.Email, DemoPortal.Password)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await demo.TryLogInAsync(newEmail, DemoPortal.Password)).Status.ShouldBe(HttpStatusCode.OK);
        (await demo.ProfileAsync(user.UserId)).Email.ShouldBe(user.Email);

        var visitor = demo.Portal.Client();
        var page = await visitor.GetStringAsync(link);
        var token = Regex.Match(page, "name=\"Token\" value=\"([^\"]+)\"").Groups[1].Value;
        var confirmed = await PortalFactory.PostFormAsync(visitor, "/account/confirm-email-change", PortalFactory.AntiforgeryToken(page), ("Token", WebUtility.HtmlDecode(token)));

        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await confirmed.Content.ReadAsStringAsync()).ShouldContain("role=\"status\"");
        (await demo.TryLogInAsync(newEmail, DemoPortal.Password)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await demo.TryLogInAsync(user.Email, DemoPortal.Password)).Status.ShouldBe(HttpStatusCode.OK);
        (await demo.ProfileAsync(user.UserId)).Email.ShouldBe(newEmail);
    }

    [DbFact]
    public async Task Invoice_by_email_is_switched_on_with_the_current_conditions_and_off_again_as_the_profile_shows()
    {
        var user = await demo.NewUserAsync("100011");
        var client = await demo.LogInAsync(user);
        InvoiceByEmailChecked(await client.GetStringAsync("/Profile")).ShouldBeFalse();

        (await PostAsync(client, "/Profile", "/Profile?handler=InvoiceByEmail", ("InvoiceByEmail", "true"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        InvoiceByEmailChecked(await client.GetStringAsync("/Profile")).ShouldBeTrue();
        var on = await demo.ProfileAsync(user.UserId);
        on.InvoiceByEmail.ShouldBeTrue();
        on.InvoiceConditionsVersion.ShouldBe("1");
        on.InvoiceConditionsAcceptedAt.ShouldBe(demo.Portal.Clock.GetCurrentInstant());
        var recipients = await demo.AsSystemAsync(async m => (await m.Send(new GetInvoiceEmailRecipients(user.Contract.CustomerId))).Value);
        recipients.ShouldContain(r => r.UserId == user.UserId);

        (await PostAsync(client, "/Profile", "/Profile?handler=InvoiceByEmail")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        InvoiceByEmailChecked(await client.GetStringAsync("/Profile")).ShouldBeFalse();
        (await demo.ProfileAsync(user.UserId)).InvoiceByEmail.ShouldBeFalse();
        (await demo.AsSystemAsync(async m => (await m.Send(new GetInvoiceEmailRecipients(user.Contract.CustomerId))).Value))
            .ShouldNotContain(r => r.UserId == user.UserId);
    }

    [DbFact]
    public async Task A_language_chosen_in_the_profile_is_used_at_the_next_log_in()
    {
        var user = await demo.NewUserAsync("100012");
        var client = await demo.LogInAsync(user);
        (await client.GetStringAsync("/Profile")).ShouldContain("<html lang=\"ro\">");

        (await PostAsync(client, "/Profile", "/Profile?handler=Contact", ("Phone", "0722 123 456"), ("Culture", "lv"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var profile = await demo.ProfileAsync(user.UserId);
        profile.Culture.ShouldBe("lv");
        profile.Phone.ShouldBe("0722123456");
        var elsewhere = await demo.LogInAsync(user);
        elsewhere.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        (await elsewhere.GetStringAsync("/Profile")).ShouldContain("<html lang=\"lv\">");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, params (string Name, string? Value)[] fields)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, page);
        return await PortalFactory.PostFormAsync(client, action, token, fields);
    }

    /// <summary>The error message shown under a field (the element its input's aria-describedby names).</summary>
    internal static string ErrorOf(string html, string field)
    {
        var match = Regex.Match(html, $"id=\"{field}-error\"[^>]*>(.*?)</", RegexOptions.Singleline);
        match.Success.ShouldBeTrue($"no error shown at {field}");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    private static bool InvoiceByEmailChecked(string html) =>
        CheckboxInput().Matches(html).Single(m => m.Value.Contains("name=\"InvoiceByEmail\"", StringComparison.Ordinal)).Value.Contains("checked", StringComparison.Ordinal);

    [GeneratedRegex("<input[^>]*type=\"checkbox\"[^>]*>")]
    private static partial Regex CheckboxInput();
}

public sealed class SqliteProfileTests(SqliteDemoPortal demo) : ProfileTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresProfileTests(PostgresDemoPortal demo) : ProfileTests(demo), IClassFixture<PostgresDemoPortal>;
