using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Modular.Billing.Contracts;
using Modular.Hosts.Tests.KioskScreens;
using Modular.Kiosks.Web.Kiosk;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.BrowserTests;

/// <summary>The kiosk host on Kestrel with the demo data, registered as kiosk T-K1 with the simulators.</summary>
public sealed class LiveKiosk() : KioskHost(new SqliteDatabase(), kestrel: true);

/// <summary>
/// Customers at a kiosk, at its screen sizes (1080×1920 portrait, 1280×1024): scanning a real invoice's code and paying by
/// card, paying cash over the amount (credit), the inactivity warning with "more time" (on Playwright's clock, no waiting),
/// languages and text size. Every screen passes the axe scan for WCAG 2 A and AA; the receipts the simulated printer wrote
/// are read back by the independent ESC/POS reader.
/// </summary>
public sealed class KioskJourneyTests(BrowserFixture browser, LiveKiosk live) : IClassFixture<BrowserFixture>, IClassFixture<LiveKiosk>
{
    private static readonly AxeRunOptions Wcag2 = new() { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } };

    [Fact]
    public async Task A_customer_scans_an_invoice_pays_by_card_and_takes_a_romanian_receipt()
    {
        var kiosk = await live.KioskAsync();
        var (customer, open) = await live.CustomerWithOpenInvoicesAsync();
        var invoice = open[0];
        var document = await kiosk.AsSystemAsync(async m => (await m.Send(new GetInvoiceDocument(invoice.InvoiceId, DocumentFormat.Html, "ro"))).Value);
        await using var context = await NewKioskContextAsync(kiosk.Url!, 1080, 1920);
        var scanned = await CashierJourneyTests.ScanAsync(context, Encoding.UTF8.GetString(document.Content));
        scanned.ShouldContain("INVOICE:" + invoice.Number);

        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-screen='start']").WaitForAsync();
        page.Url.ShouldEndWith("/kiosk");
        var input = page.GetByLabel("Codul de pe factură sau codul de client");
        (await input.EvaluateAsync<bool>("e => e === document.activeElement")).ShouldBeTrue();
        await AccessibleAsync(page, "kiosk-card-1-start");

        // The keyboard-wedge scanner types the code and Enter.
        await page.Keyboard.TypeAsync(scanned);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-screen='due']").WaitForAsync();
        page.Url.ShouldNotContain(customer.ClientCode);
        foreach (var open1 in open)
        {
            (await page.Locator($"#invoice-{open1.InvoiceId:N}").IsCheckedAsync()).ShouldBeTrue();
        }

        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldNotContain(customer.Name);
        text.ShouldNotContain(customer.Email!);
        await AccessibleAsync(page, "kiosk-card-2-due");

        await page.GetByRole(AriaRole.Button, new() { Name = "Plătesc cu cardul" }).ClickAsync();
        await page.Locator("[data-screen='card']").WaitForAsync();
        await AccessibleAsync(page, "kiosk-card-3-card");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plătesc", Exact = true }).ClickAsync();
        await page.Locator("[data-screen='receipt']").WaitForAsync();
        var number = (await page.Locator(".kiosk-receipt-number").InnerTextAsync()).Trim();
        number.ShouldMatch(@"^R \d{6}$");
        await AccessibleAsync(page, "kiosk-card-4-receipt");

        var printed = await ReadReceiptAsync(kiosk, number, table: 45);
        printed.ShouldContain("Chitanţă de plată – chioşc");
        printed.ShouldContain("Chitanţa nr.");
        printed.ShouldContain(number);
        printed.ShouldContain("T-K1 (CENTRAL)");
        printed.ShouldContain("Factura " + invoice.Number);
        printed.ShouldContain("Vă mulţumim!");
        printed.ShouldContain("25.11.2026 12:00");

        // Done: back to the start, and the back button does not bring the customer back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Am terminat" }).ClickAsync();
        await page.Locator("[data-screen='start']").WaitForAsync();
        await page.GoBackAsync();
        await page.Locator("[data-screen='start']").WaitForAsync();
        (await page.ContentAsync()).ShouldNotContain(invoice.Number);
    }

    [Fact]
    public async Task A_customer_pays_cash_over_the_amount_in_latvian_and_the_excess_is_credit()
    {
        var kiosk = await live.KioskAsync();
        var (customer, open) = await live.CustomerWithOpenInvoicesAsync();
        var invoice = open[0];
        await using var context = await NewKioskContextAsync(kiosk.Url!, 1280, 1024);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/kiosk");

        await page.GetByRole(AriaRole.Button, new() { Name = "Latviešu" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Samaksājiet ūdens rēķinu" }).WaitForAsync();
        // The client code typed on the on-screen keypad, by touch.
        foreach (var digit in customer.ClientCode)
        {
            await page.Locator($".kiosk-keypad button[data-key='{digit}']").ClickAsync();
        }

        (await page.GetByLabel("Rēķina kods vai klienta kods").InputValueAsync()).ShouldBe(customer.ClientCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turpināt" }).ClickAsync();
        await page.Locator("[data-screen='due']").WaitForAsync();
        foreach (var other in open.Skip(1))
        {
            await page.Locator($"#invoice-{other.InvoiceId:N}").UncheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Maksāt skaidrā naudā" }).ClickAsync();
        await page.Locator("[data-screen='cash']").WaitForAsync();
        await AccessibleAsync(page, "kiosk-cash-1-cash");

        var inserted = 0m;
        while (inserted <= invoice.Remaining.Amount)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Ievietot 100,00 RON" }).ClickAsync();
            inserted += 100m;
            await page.Locator($"#kiosk-inserted[data-inserted='{inserted.ToString(CultureInfo.InvariantCulture)}']").WaitForAsync();
        }

        await AccessibleAsync(page, "kiosk-cash-2-notes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gatavs" }).ClickAsync();
        await page.Locator("[data-screen='receipt']").WaitForAsync();
        var credit = inserted - invoice.Remaining.Amount;
        (await page.Locator(".kiosk-credit").GetAttributeAsync("data-credit")).ShouldBe(credit.ToString(CultureInfo.InvariantCulture));
        await AccessibleAsync(page, "kiosk-cash-3-receipt-credit");

        var number = (await page.Locator(".kiosk-receipt-number").InnerTextAsync()).Trim();
        var printed = await ReadReceiptAsync(kiosk, number, table: 51);
        printed.ShouldContain("Maksājuma kvīts – kiosks");
        printed.ShouldContain("Kredīts jūsu kontā");
        printed.ShouldContain("Atlikums netika izdots");
        printed.ShouldContain("Rēķins " + invoice.Number);
        printed.ShouldContain("× 100,00 RON");
        await kiosk.DrainOutboxAsync();
        var balance = await kiosk.AsSystemAsync(async m => (await m.Send(new GetBalance(customer.CustomerId))).Value);
        balance.Credit.Amount.ShouldBeGreaterThanOrEqualTo(credit);
    }

    [Fact]
    public async Task After_a_while_without_a_touch_the_kiosk_offers_more_time_and_then_ends_the_session()
    {
        var kiosk = await live.KioskAsync();
        var options = kiosk.Services.GetRequiredService<IOptions<KioskScreenOptions>>().Value;
        var (customer, _) = await live.CustomerWithOpenInvoicesAsync();
        await using var context = await NewKioskContextAsync(kiosk.Url!, 1080, 1920);
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync("/kiosk");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GetByLabel("Invoice code or client code").FillAsync(customer.ClientCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.Locator("[data-screen='due']").WaitForAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Do you need more time?" });
        (await dialog.IsVisibleAsync()).ShouldBeFalse();

        await page.Clock.FastForwardAsync((options.InactivitySeconds + 1) * 1000);
        await dialog.WaitForAsync();
        await AccessibleAsync(page, "kiosk-idle-1-warning");
        await page.GetByRole(AriaRole.Button, new() { Name = "More time" }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        (await page.Locator("[data-screen='due']").IsVisibleAsync()).ShouldBeTrue();

        // Again without an answer: the countdown runs out and the kiosk is back at the start, the customer forgotten.
        await page.Clock.FastForwardAsync((options.InactivitySeconds + 1) * 1000);
        await dialog.WaitForAsync();
        await page.Clock.FastForwardAsync((options.WarningSeconds + 1) * 1000);
        await page.Locator("[data-screen='start']").WaitForAsync();
        (await page.ContentAsync()).ShouldNotContain(customer.ClientCode);
        await page.GotoAsync("/kiosk/due");
        await page.Locator("[data-screen='start']").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "kiosk-idle-2-reset");
    }

    [Fact]
    public async Task Language_and_text_size_hold_for_the_session_and_every_screen_stays_accessible_at_the_largest_size()
    {
        var kiosk = await live.KioskAsync();
        var (customer, _) = await live.CustomerWithOpenInvoicesAsync();
        await using var context = await NewKioskContextAsync(kiosk.Url!, 1280, 1024);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/kiosk");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("ro");

        await page.GetByRole(AriaRole.Button, new() { Name = "Text foarte mare" }).ClickAsync();
        await page.Locator("html.text-larger").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Pay your water bill" }).WaitForAsync();
        (await page.Locator("html").GetAttributeAsync("class")).ShouldBe("text-larger");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Larger text" }).GetAttributeAsync("aria-pressed")).ShouldBe("true");
        await AccessibleAsync(page, "kiosk-settings-1-start-larger");

        await page.GetByLabel("Invoice code or client code").FillAsync(customer.ClientCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.Locator("[data-screen='due']").WaitForAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        (await page.Locator("html").GetAttributeAsync("class")).ShouldBe("text-larger");
        await AccessibleAsync(page, "kiosk-settings-2-due-larger");

        // The reading screen (the demo's window is open on the 25th), at the same size and language.
        await page.GotoAsync("/kiosk/reading");
        await page.Locator("[data-screen='reading']").WaitForAsync();
        await AccessibleAsync(page, "kiosk-settings-3-reading-larger");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        await page.Locator("[data-screen='due']").WaitForAsync();

        // Every target is at least 48 px.
        var small = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('button, a, input')].filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect()).filter(r => r.width < 48 || r.height < 48).map(r => r.width + 'x' + r.height)");
        small.ShouldBeEmpty();

        // Cancel ends the session: language and size are back to the kiosk's defaults for the next customer.
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.Locator("[data-screen='start']").WaitForAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("ro");
        (await page.Locator("html").GetAttributeAsync("class")).ShouldBe("text-normal");
    }

    [Fact]
    public async Task A_kiosk_without_a_valid_key_shows_an_accessible_out_of_service_screen()
    {
        await live.KioskAsync();
        await using var unregistered = new KioskFactory(live.Database, new Dictionary<string, string?> { ["Modular:Kiosk:DeviceKey"] = "a-key-nobody-issued" });
        unregistered.StartOnKestrel();
        await using var context = await NewKioskContextAsync(unregistered.Url!, 1080, 1920);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-screen='out-of-service']").WaitForAsync();
        (await page.Locator("main input, main button").CountAsync()).ShouldBe(0);
        await AccessibleAsync(page, "kiosk-out-of-service");
    }

    private async Task<IBrowserContext> NewKioskContextAsync(string url, int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = true,
            Locale = "ro-RO",
        });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    /// <summary>No WCAG 2 A or AA violation on the screen as it is now; and a screenshot of it.</summary>
    private static async Task AccessibleAsync(IPage page, string screenshot)
    {
        await BrowserFixture.ScreenshotAsync(page, screenshot);
        var result = await page.RunAxe(Wcag2);
        result.Violations.ShouldBeEmpty(string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} – {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        await PortalBasicsTests.NoHorizontalScrollAsync(page);
    }

    /// <summary>The receipt the simulated printer wrote, read back by the independent reader and decoded with the table it selected.</summary>
    private static async Task<string> ReadReceiptAsync(KioskFactory kiosk, string number, byte table)
    {
        var file = Path.Combine(kiosk.PrinterFolder, "CENTRAL-T-K1", number + ".bin");
        File.Exists(file).ShouldBeTrue(file);
        var read = await EscPosReader.ReadAsync(await File.ReadAllBytesAsync(file));
        read.Commands.ShouldNotContain(c => c.StartsWith("Unknown", StringComparison.Ordinal));
        return read.Decode(table).Replace('\n', ' ');
    }
}
