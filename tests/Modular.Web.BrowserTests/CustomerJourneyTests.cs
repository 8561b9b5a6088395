using System.Diagnostics;
using Microsoft.Playwright;
using Modular.Accounts.Demo;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.BrowserTests;

/// <summary>
/// A new customer registers, confirms by the emailed link, logs in, gets the lower-index error, submits a reading and
/// sees its consumption, pays two invoices through the sandbox gateway, sees them paid and downloads a PDF – on a
/// desktop and on a 360 px phone.
/// </summary>
public sealed class CustomerJourneyTests(BrowserFixture browser, LivePortalFixture live) : IClassFixture<BrowserFixture>, IClassFixture<LivePortalFixture>
{
    private const string Password = "Ceai-de-tei-la-munte-7";

    [Theory]
    [InlineData(false, "100002")]
    [InlineData(true, "100003")]
    public async Task A_new_customer_registers_reads_the_meter_pays_two_invoices_and_downloads_a_pdf(bool phone, string clientCode)
    {
        var size = phone ? "phone" : "desktop";
        var portal = live.Portal;
        var contract = DemoCustomers.Generate(1, DemoCustomers.Count).First(r => r.ClientCode == clientCode);
        var email = $"journey-{size}-{Guid.NewGuid():N}@example.com";
        await using var context = await browser.NewContextAsync(portal.Url, phone);
        var page = await context.NewPageAsync();

        // Register.
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Client code").FillAsync(clientCode);
        await page.GetByLabel("Contract number").FillAsync(contract.ContractNumber);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByLabel("I accept the terms and conditions").CheckAsync();
        await PortalBasicsTests.NoHorizontalScrollAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await page.GetByText("We sent an email with a link").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, $"1-registered-{size}");

        // Confirm through the link in the email (pickup folder).
        var mail = await WaitForMailAsync(portal.Factory.PickupFolder, email);
        var link = new Uri(mail.FindLink("/account/confirm").ShouldNotBeNull());
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await page.GetByText("Your address is confirmed").WaitForAsync();

        // Log in.
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your account at a glance" }).WaitForAsync();
        await PortalBasicsTests.NoHorizontalScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"2-dashboard-{size}");

        // A lower index is refused with the exact error, next to the field.
        await page.GotoAsync("/Readings");
        // The first meter that takes a reading: a customer may also have a meter of an ended contract, listed without the form.
        var meter = page.Locator("section.card").Filter(new() { Has = page.GetByLabel("New index") }).First;
        var previous = decimal.Parse((await meter.GetByTestId("previous-index").InnerTextAsync()).Replace(",", string.Empty),
            System.Globalization.CultureInfo.InvariantCulture);
        await meter.GetByLabel("New index").FillAsync((previous - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await meter.GetByRole(AriaRole.Button, new() { Name = "Submit the reading" }).ClickAsync();
        var error = page.Locator(".field-error").First;
        (await error.InnerTextAsync()).ShouldContain("The new index is lower than the previous one");
        ((await page.Locator("input[aria-invalid=true]").First.GetAttributeAsync("aria-describedby")) ?? string.Empty).ShouldContain(await error.GetAttributeAsync("id") ?? "?");
        await BrowserFixture.ScreenshotAsync(page, $"3-lower-index-{size}");

        // A plausible index: the consumption is shown (after confirming a warning, if the portal asks for it).
        meter = page.Locator("section.card").Filter(new() { Has = page.GetByLabel("New index") }).First;
        await meter.GetByLabel("New index").FillAsync((previous + 7.5m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await meter.GetByRole(AriaRole.Button, new() { Name = "Submit the reading" }).ClickAsync();
        var outcome = page.Locator("#reading-outcome");
        if ((await outcome.InnerTextAsync()).Contains("Please confirm", StringComparison.Ordinal))
        {
            await BrowserFixture.ScreenshotAsync(page, $"4-confirm-consumption-{size}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the reading" }).ClickAsync();
        }

        (await page.Locator("#reading-outcome").InnerTextAsync()).ShouldContain("Consumption: 7.500 m³");
        await BrowserFixture.ScreenshotAsync(page, $"5-reading-saved-{size}");

        // Pay two invoices through the sandbox gateway's page.
        await page.GotoAsync("/Pay");
        var boxes = page.Locator("input[name=InvoiceIds]");
        (await boxes.CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        var labels = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await boxes.Nth(i).CheckAsync();
            labels.Add((await page.Locator($"label[for='{await boxes.Nth(i).GetAttributeAsync("id")}']").InnerTextAsync()).Split(" · ")[0].Trim());
        }

        await BrowserFixture.ScreenshotAsync(page, $"6-pay-{size}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sandbox gateway" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        (await page.GetByTestId("payment-status").InnerTextAsync()).ShouldBe("Payment received. Thank you!");
        await BrowserFixture.ScreenshotAsync(page, $"7-paid-{size}");

        // Billing learns of the payment through the outbox: the invoices turn paid.
        foreach (var number in labels)
        {
            await WaitUntilAsync(async () =>
            {
                await page.GotoAsync("/Invoices");
                var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
                return (await row.InnerTextAsync()).Contains("Paid", StringComparison.Ordinal);
            });
        }

        await BrowserFixture.ScreenshotAsync(page, $"8-invoices-paid-{size}");
        (await page.GotoAsync("/Payments"))!.Ok.ShouldBeTrue();
        (await page.Locator("table").InnerTextAsync()).ShouldContain("Online");

        // Download the PDF of a paid invoice.
        await page.GotoAsync("/Invoices");
        await page.GetByRole(AriaRole.Link, new() { Name = labels[0], Exact = true }).ClickAsync();
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).GetAttributeAsync("href");
        var pdf = await page.APIRequest.GetAsync(href!, new() { Timeout = 90_000 });
        var body = await pdf.BodyAsync();
        pdf.Status.ShouldBe(200, System.Text.Encoding.UTF8.GetString(body.Take(2000).ToArray()));
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        pdf.Headers["content-disposition"].ShouldContain("attachment");
        body.Take(4).ShouldBe("%PDF"u8.ToArray());
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ScreenshotFolder, $"invoice-{size}.pdf"), body);
        await BrowserFixture.ScreenshotAsync(page, $"9-invoice-{size}");
    }

    private static async Task<MailFile> WaitForMailAsync(string folder, string to)
    {
        MailFile? found = null;
        await WaitUntilAsync(() =>
        {
            found = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(f => MailFile.Parse(File.ReadAllText(f))).FirstOrDefault(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase))
                : null;
            return Task.FromResult(found is not null);
        });
        return found!;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Modular.Core.Testing.Poll.UntilAsync(condition, "the portal gets there");
}
