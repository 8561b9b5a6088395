using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using OtpNet;
using Shouldly;
using Xunit;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Modular.Web.BrowserTests;

/// <summary>
/// A cashier at a collection centre: signs in with a TOTP code, chooses the desk, "scans" an invoice's code (the code
/// Billing prints on the invoice, read from its image and typed like a keyboard-wedge scanner: its text and Enter), takes
/// cash with change, prints the receipt and closes the day.
/// </summary>
public sealed partial class CashierJourneyTests(BrowserFixture browser, LivePortalFixture live) : IClassFixture<BrowserFixture>, IClassFixture<LivePortalFixture>
{
    private const string Password = "Birou-de-relatii-cu-clientii-9";

    [Fact]
    public async Task A_cashier_scans_an_invoice_code_takes_cash_with_change_prints_the_receipt_and_closes_the_day()
    {
        var portal = live.Portal;
        var email = $"cashier-{Guid.NewGuid():N}@utility.example";
        await using var scope = portal.Factory.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.System);
        var mediator = scope.Resolve<IMediator>();
        var enrolment = (await mediator.Send(new CreateStaffMember(email, "Ioana Casier", [StaffRoles.Cashier], Password))).Value;
        var secret = HttpUtility.ParseQueryString(new Uri(enrolment.TotpUri).Query)["secret"]!;
        var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(portal.Factory.Clock.GetCurrentInstant().ToDateTimeUtc());
        var invoice = await UnpaidInvoiceAsync(mediator);
        var document = (await mediator.Send(new GetInvoiceDocument(invoice.InvoiceId, DocumentFormat.Html, "en"))).Value;
        await using var context = await browser.NewContextAsync(portal.Url, phone: false);
        // The print dialog is the browser's; the test only needs to know the page asked for it.
        await context.AddInitScriptAsync("window.__printed = 0; window.print = () => { window.__printed++; };");

        var scanned = await ScanAsync(context, Encoding.UTF8.GetString(document.Content));
        scanned.ShouldContain("INVOICE:" + invoice.Number);

        var page = await context.NewPageAsync();
        await page.GotoAsync("/staff/cashier");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Authenticator code or recovery code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Choose your desk" }).WaitForAsync();
        await page.GetByLabel("Centre and desk").SelectOptionAsync("CENTRAL|G1");
        await BrowserFixture.ScreenshotAsync(page, "cashier-1-desk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start at this desk" }).ClickAsync();

        // The scanner types into the focused box and presses Enter.
        var input = page.GetByLabel("Scan the invoice's code, or type an invoice number or client code");
        await input.WaitForAsync();
        (await input.EvaluateAsync<bool>("e => e === document.activeElement")).ShouldBeTrue();
        await page.Keyboard.TypeAsync(scanned);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator($"[data-invoice='{invoice.InvoiceId}']").WaitForAsync();
        (await page.Locator($"#invoice-{invoice.InvoiceId:N}").IsCheckedAsync()).ShouldBeTrue();
        (await page.Locator("#cashier-customer").InnerTextAsync()).ShouldNotBeEmpty();
        await PortalBasicsTests.NoHorizontalScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "cashier-2-customer-due");

        // Every open invoice of the customer is ticked: the cash covers them all, with change.
        var due = (await mediator.Send(new GetOpenInvoices([invoice.CustomerId]))).Value.Sum(i => i.Remaining.Amount);
        var tendered = Math.Ceiling(due / 50m) * 50m + 50m;
        await page.GetByLabel("Cash tendered").FillAsync(tendered.ToString("0.00", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Take the payment" }).ClickAsync();

        var change = page.Locator(".cashier-change");
        await page.Locator(".cashier-change, .field-error, .alert-error").First.WaitForAsync();
        (await change.CountAsync()).ShouldBe(1, await page.Locator("main").InnerTextAsync());
        decimal.Parse((await change.GetAttributeAsync("data-change"))!, CultureInfo.InvariantCulture).ShouldBe(tendered - due);
        (await page.Locator(".cashier-receipt").InnerTextAsync()).ShouldMatch(@"R \d{6}");
        await BrowserFixture.ScreenshotAsync(page, "cashier-3-receipt-change");
        await page.GetByRole(AriaRole.Button, new() { Name = "Print", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("window.__printed === 1");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        (await page.Locator("header.site-header").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator(".cashier-receipt").IsVisibleAsync()).ShouldBeTrue();
        await BrowserFixture.ScreenshotAsync(page, "cashier-4-receipt-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GetByRole(AriaRole.Link, new() { Name = "End of day" }).First.ClickAsync();
        await page.Locator(".cashier-day-report[data-closed='false']").WaitForAsync();
        (await page.Locator("[data-total='receipts']").InnerTextAsync()).ShouldBe("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the day" }).ClickAsync();
        await page.Locator(".cashier-day-report[data-closed='true']").WaitForAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Close the day" }).CountAsync()).ShouldBe(0);
        await PortalBasicsTests.NoHorizontalScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "cashier-5-day-closed");
    }

    /// <summary>A demo invoice nothing has been paid on yet (its code's amount is what is due), not Alice's or Bob's.</summary>
    private static async Task<InvoiceSummary> UnpaidInvoiceAsync(IMediator mediator)
    {
        var customers = (await mediator.Send(new ListContracts(null, 1000))).Value.Select(c => c.CustomerId).Distinct().ToList();
        var open = (await mediator.Send(new GetOpenInvoices(customers))).Value;
        return open.Where(i => i.Paid.Amount == 0m && i.Remaining.Amount >= 10m && i.ClientCode is not ("100001" or "100002"))
            .OrderBy(i => i.Number, StringComparer.Ordinal).First();
    }

    /// <summary>
    /// What a scanner reads: the invoice's code drawn as pixels (its SVG rendered by Chromium onto a canvas, on a blank
    /// page) and decoded by ZXing.
    /// </summary>
    internal static async Task<string> ScanAsync(IBrowserContext context, string invoiceHtml)
    {
        var svg = SvgElement().Match(invoiceHtml).Value;
        svg.ShouldNotBeEmpty("the invoice carries its code as an image");
        svg = svg.Replace("<svg ", "<svg width=\"400\" height=\"400\" ", StringComparison.Ordinal);
        var scanner = await context.NewPageAsync();
        var rgba = await scanner.EvaluateAsync<string>(
            """
            async svg => {
                const image = new Image(400, 400);
                image.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(svg)));
                await image.decode();
                const canvas = document.createElement('canvas');
                canvas.width = 440; canvas.height = 440;
                const g = canvas.getContext('2d');
                g.fillStyle = '#fff'; g.fillRect(0, 0, 440, 440);
                g.drawImage(image, 20, 20, 400, 400);
                const bytes = g.getImageData(0, 0, 440, 440).data;
                let text = '';
                for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
                return btoa(text);
            }
            """, svg);
        await scanner.CloseAsync();
        var pixels = Convert.FromBase64String(rgba);
        var source = new RGBLuminanceSource(pixels, 440, 440, RGBLuminanceSource.BitmapFormat.RGBA32);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        result.ShouldNotBeNull("the code could not be read");
        return result.Text;
    }

    [GeneratedRegex("<svg[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();
}
