using System.Web;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using OtpNet;
using Shouldly;
using Xunit;

namespace Modular.Web.BrowserTests;

/// <summary>A customer service agent signs in to the back office with a TOTP code, finds a customer by client code and opens the customer page.</summary>
public sealed class StaffJourneyTests(BrowserFixture browser, LivePortalFixture live) : IClassFixture<BrowserFixture>, IClassFixture<LivePortalFixture>
{
    private const string Password = "Birou-de-relatii-cu-clientii-9";

    [Fact]
    public async Task An_agent_signs_in_with_totp_finds_a_customer_by_client_code_and_opens_the_customer_page()
    {
        var portal = live.Portal;
        var email = $"agent-{Guid.NewGuid():N}@utility.example";
        await using var scope = portal.Factory.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.System);
        var enrolment = (await scope.Resolve<IMediator>().Send(new CreateStaffMember(email, "Ana Pop", [StaffRoles.CustomerService], Password))).Value;
        var secret = HttpUtility.ParseQueryString(new Uri(enrolment.TotpUri).Query)["secret"]!;
        var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(portal.Factory.Clock.GetCurrentInstant().ToDateTimeUtc());
        await using var context = await browser.NewContextAsync(portal.Url, phone: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/staff");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Staff sign-in" }).WaitForAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Authenticator code or recovery code").FillAsync(code);
        await BrowserFixture.ScreenshotAsync(page, "staff-1-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Desk" }).WaitForAsync();

        // Keyboard only: the menu entry, then the focused search box.
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        var search = page.GetByLabel("Client code, contract, name, email, phone or address");
        (await search.EvaluateAsync<bool>("e => e === document.activeElement")).ShouldBeTrue();
        await page.Keyboard.TypeAsync("100001");
        await page.Keyboard.PressAsync("Enter");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Contracts" }).WaitForAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("100001");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Meters and readings" }).WaitForAsync();
        await PortalBasicsTests.NoHorizontalScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "staff-2-customer-page");

        // The same page on a tablet.
        await page.SetViewportSizeAsync(800, 1100);
        await PortalBasicsTests.NoHorizontalScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "staff-3-customer-page-tablet");
    }
}
