using System.Globalization;
using System.Net;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>Input the portal cannot take is refused with a message at the field it came in, in the page's language, and changes nothing.</summary>
public abstract partial class ProfileTests
{
    [DbFact]
    public async Task A_language_the_portal_does_not_offer_is_refused_at_the_field_and_changes_nothing()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var before = await demo.ProfileAsync(demo.Alice.UserId);

        var response = await PostAsync(client, "/Profile", "/Profile?handler=Contact", ("Phone", "0733000111"), ("Culture", "xx"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorOf(await response.Content.ReadAsStringAsync(), "Culture").ShouldNotBeEmpty();
        (await demo.ProfileAsync(demo.Alice.UserId)).ShouldBeEquivalentTo(before);
    }

    [DbFact]
    public async Task A_nul_character_in_a_form_field_is_refused_at_that_field_and_changes_nothing()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var before = await demo.ProfileAsync(demo.Alice.UserId);

        var contact = await PostAsync(client, "/Profile", "/Profile?handler=Contact", ("Phone", "0733\0000111"), ("Culture", "ro"));
        contact.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorOf(await contact.Content.ReadAsStringAsync(), "Phone").ShouldNotBeEmpty();

        var visitor = demo.Portal.Client();
        var login = await PostAsync(visitor, "/Account/Login", "/Account/Login", ("Email", demo.Alice.Email + "\0"), ("Password", DemoPortal.Password));
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorOf(await login.Content.ReadAsStringAsync(), "Email").ShouldNotBeEmpty();

        var register = await PostAsync(visitor, "/Account/Register", "/Account/Register", ("ClientCode", "1000\0" + "01"),
            ("ContractNumber", "CT-100001-1"), ("Email", $"nul-{Guid.NewGuid():N}@example.com"), ("Password", NewPassword),
            ("PasswordConfirmation", NewPassword), ("AcceptTerms", "true"));
        register.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorOf(await register.Content.ReadAsStringAsync(), "ClientCode").ShouldNotBeEmpty();

        (await demo.ProfileAsync(demo.Alice.UserId)).ShouldBeEquivalentTo(before);
    }

    [DbFact]
    public async Task The_reading_warning_writes_quantities_and_dates_as_the_page_does_in_its_language()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var meter = demo.Alice.Meters.First(m => m.PreviousIndex is not null);
        var index = (meter.PreviousIndex!.Value + 987.654m).ToString(CultureInfo.InvariantCulture);

        var romanian = await (await PostAsync(client, "/Readings", "/Readings", ("MeterId", meter.MeterId.ToString()), ("Index", index)))
            .Content.ReadAsStringAsync();
        var page = WebUtility.HtmlDecode(romanian);

        page.ShouldMatch(@"Consumul de [\d.]*\d,\d+ m³ din \d{2}\.\d{2}\.\d{4} este", "the warning, with a decimal comma and a Romanian date");
        page.ShouldNotMatch(@"\d\.\d{3} m³", "no decimal point in Romanian");
    }

    [DbTheory]
    [InlineData("en", "1,00")]
    [InlineData("en", "12,5")]
    [InlineData("ro", "1.00")]
    [InlineData("ro", "10,505")]
    [InlineData("lv", "1.000,00")]
    [InlineData("en", "-5")]
    [InlineData("en", "1e3")]
    public async Task An_amount_not_written_the_way_the_page_language_writes_it_is_refused_at_the_field(string language, string amount)
    {
        var (user, client) = await PayerAsync("100018", language);
        var before = await demo.AsUserAsync(user.UserId, async m => (await m.Send(new Payments.Contracts.GetMyPayments(100))).Value.Count);

        var response = await PostAsync(client, "/Pay", "/Pay", ("Amount", amount), ("IdempotencyKey", Guid.NewGuid().ToString("N")),
            ("CustomerId", user.Contract.CustomerId.ToString()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, amount);
        ErrorOf(await response.Content.ReadAsStringAsync(), "Amount").ShouldNotBeEmpty(amount);
        (await demo.AsUserAsync(user.UserId, async m => (await m.Send(new Payments.Contracts.GetMyPayments(100))).Value.Count)).ShouldBe(before);
    }

    [DbTheory]
    [InlineData("en", "1,250.50")]
    [InlineData("ro", "1.250,50")]
    [InlineData("lv", "1 250,50")]
    public async Task An_amount_written_the_way_the_page_language_writes_it_goes_to_the_gateway(string language, string amount)
    {
        var (user, client) = await PayerAsync("100019", language);
        var before = await demo.AsUserAsync(user.UserId, async m => (await m.Send(new Payments.Contracts.GetMyPayments(100))).Value.Count(p => p.Amount.Amount == 1250.50m));

        var response = await PostAsync(client, "/Pay", "/Pay", ("Amount", amount), ("IdempotencyKey", Guid.NewGuid().ToString("N")),
            ("CustomerId", user.Contract.CustomerId.ToString()));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var payments = await demo.AsUserAsync(user.UserId, async m => (await m.Send(new Payments.Contracts.GetMyPayments(100))).Value);
        payments.Count(p => p.Amount.Amount == 1250.50m).ShouldBe(before + 1);
    }

    /// <summary>A new user of a customer, signed in, the page in <paramref name="language"/> (chosen with the switcher).</summary>
    private async Task<(PortalUser User, HttpClient Client)> PayerAsync(string clientCode, string language)
    {
        var user = await demo.NewUserAsync(clientCode);
        var client = await demo.LogInAsync(user);
        (await PostAsync(client, "/Profile", "/Language", ("culture", language), ("returnUrl", "/Pay"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync("/Pay")).ShouldContain($"<html lang=\"{language}\">");
        return (user, client);
    }
}
