using Microsoft.Playwright;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.BrowserTests;

/// <summary>Layout, language and keyboard use in a real browser, at desktop size and on a 360 px phone.</summary>
public sealed class PortalBasicsTests(BrowserFixture browser, SqliteDatabase database) : IClassFixture<BrowserFixture>, IClassFixture<SqliteDatabase>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_in_user_creates_an_api_token_with_the_keyboard_and_sees_it_once(bool phone)
    {
        await using var portal = LivePortal.Start(database);
        await using var context = await browser.NewContextAsync(portal.Url, phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/test/sign-in?user={Guid.NewGuid()}&culture=en");

        await page.GotoAsync("/Profile/Tokens");
        await NoHorizontalScrollAsync(page);
        await page.GetByLabel("Name").FocusAsync();
        await page.Keyboard.TypeAsync("meter script");
        await page.GetByLabel("Submit meter readings").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var secret = await page.Locator("#new-token").InnerTextAsync();
        secret.ShouldStartWith("mdl_");
        await BrowserFixture.ScreenshotAsync(page, "token-created-" + (phone ? "phone" : "desktop"));
        await NoHorizontalScrollAsync(page);
        await page.GotoAsync("/Profile/Tokens");
        (await page.ContentAsync()).ShouldNotContain(secret);
        (await page.GetByRole(AriaRole.Cell, new() { Name = "meter script", Exact = true }).CountAsync()).ShouldBe(1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_language_switcher_changes_the_language_and_keeps_it(bool phone)
    {
        await using var portal = LivePortal.Start(database);
        await using var context = await browser.NewContextAsync(portal.Url, phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Error");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Something went wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Latviešu" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Radās kļūda");
        await page.ReloadAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("lv");
        await NoHorizontalScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "language-lv-" + (phone ? "phone" : "desktop"));
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_of_the_keyboard_and_leads_to_the_content()
    {
        await using var portal = LivePortal.Start(database);
        await using var context = await browser.NewContextAsync(portal.Url, phone: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Error");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.className")).ShouldBe("skip-link");
        await page.Keyboard.PressAsync("Enter");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("main");
    }

    internal static async Task NoHorizontalScrollAsync(IPage page)
    {
        // Compared with the device width itself: a phone browser widens its layout viewport to fit overflowing content.
        var width = page.ViewportSize!.Width;
        var widest = await page.EvaluateAsync<string>(
            $"[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > {width} + 1)" +
            ".map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ')");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, "the page scrolls sideways: " + widest);
    }
}
