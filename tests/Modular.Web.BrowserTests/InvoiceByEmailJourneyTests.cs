using System.Globalization;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Testing;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.BrowserTests;

/// <summary>
/// Invoice by email end to end: a customer opts in and picks Latvian in the profile (in the browser), the month's billing
/// run issues the invoice, and the email arrives at a real SMTP server in Latvian with the PDF of that very invoice (the
/// same document the portal downloads in that language).
/// </summary>
public abstract class InvoiceByEmailJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Password = "Ceai-de-tei-la-munte-7";
    private const string ClientCode = "100005";
    private static readonly YearMonth November = new(2026, 11);

    private SmtpListener _smtp = null!;
    private TestDatabase _database = null!;
    private LivePortal _portal = null!;

    protected abstract TestDatabase CreateDatabase();

    public async Task InitializeAsync()
    {
        _smtp = await SmtpListener.StartAsync();
        _database = CreateDatabase();
        await _database.InitializeAsync();
        _portal = LivePortal.Start(_database, new Dictionary<string, string?>
        {
            ["Modular:Demo:Enabled"] = "true",
            ["Modular:Email:Delivery"] = "Smtp",
            ["Modular:Email:Smtp:Host"] = "127.0.0.1",
            ["Modular:Email:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Modular:Email:From"] = "facturi@apa.example",
        });
        // The demo data's own events (its invoices and receipts) are delivered before the journey starts.
        await _portal.Factory.Services.DrainOutboxAsync();
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [DbFact]
    public async Task A_customer_who_opts_in_gets_the_months_invoice_by_email_in_their_language_with_its_pdf()
    {
        var email = $"email-invoice-{Guid.NewGuid():N}@example.com";
        var customer = await SystemAsync(async m =>
        {
            (await m.Send(new EnsureDemoUser(email, Password, ClientCode))).IsSuccess.ShouldBeTrue();
            return (await m.Send(new FindCustomerByClientCode(ClientCode))).Value;
        });
        (await SystemAsync(m => m.Send(new GetInvoices(CustomerId: customer.CustomerId, From: November, To: November)))).Value.ShouldBeEmpty();

        await using var context = await browser.NewContextAsync(_portal.Url, phone: false);
        var page = await context.NewPageAsync();
        await LogInAsync(page, email);

        // Opt in (the page is in Romanian, the demo user's language), then choose Latvian: the portal answers in it from then on.
        await page.GotoAsync("/Profile");
        await page.Locator("html[lang=ro]").WaitForAsync();
        var byEmail = page.Locator("section[aria-labelledby=invoice-email-heading]");
        await byEmail.Locator("#InvoiceByEmail").CheckAsync();
        await byEmail.Locator("button[type=submit]").ClickAsync();
        await page.Locator(".alert-success").WaitForAsync();
        (await page.Locator("#InvoiceByEmail").IsCheckedAsync()).ShouldBeTrue();
        var contact = page.Locator("section[aria-labelledby=contact-heading]");
        await contact.Locator("#Culture").SelectOptionAsync("lv");
        await contact.Locator("button[type=submit]").ClickAsync();
        await page.Locator("html[lang=lv]").WaitForAsync();
        (await page.Locator("#InvoiceByEmail").IsCheckedAsync()).ShouldBeTrue();
        await BrowserFixture.ScreenshotAsync(page, "invoice-email-1-profile");

        // The month ends; the billing run issues November's invoices and the outbox delivers them.
        _portal.Factory.Clock.Set(Instant.FromUtc(2026, 12, 1, 7, 0));
        var run = (await SystemAsync(m => m.Send(new RunBilling(November)))).Value;
        run.Issued.ShouldBeGreaterThan(0);
        var invoice = (await SystemAsync(m => m.Send(new GetInvoices(CustomerId: customer.CustomerId, From: November, To: November)))).Value.ShouldHaveSingleItem();
        await _portal.Factory.Services.DrainOutboxAsync();
        // The Notifications module queued the email; its dispatch job (the worker's, every minute) sends it.
        _portal.Factory.Clock.Set(Instant.FromUtc(2026, 12, 1, 7, 1));
        await _portal.Factory.Services.RunDueJobsAsync();

        // The same jobs may also remind of an older invoice of this client code: this invoice's email is the one looked at.
        var mail = await _smtp.WaitForMessageAsync(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase)
            && m.Subject.Contains(invoice.Number, StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        mail.Subject.ShouldStartWith($"Rēķins {invoice.Number}");
        mail.Subject.ShouldContain("apmaksas termiņš");
        mail.Body.ShouldContain("Labdien");
        mail.Body.ShouldContain($"klienta kods {ClientCode}");
        mail.Body.ShouldContain("Rēķins pievienots PDF formātā");
        mail.Body.ShouldNotContain("Bună ziua");
        var attachment = mail.Attachments.ShouldHaveSingleItem();
        attachment.Name.ShouldBe(invoice.Number.Replace(' ', '-') + ".pdf");
        attachment.ContentType.ShouldBe("application/pdf");
        attachment.Content.Take(5).ShouldBe("%PDF-"u8.ToArray());
        // One email of this invoice (the same run's other alerts, such as the reading window opening, are their own).
        _smtp.Messages().Count(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains(invoice.Number, StringComparison.Ordinal))
            .ShouldBe(1);

        // The attachment is that invoice's document: the portal, in the same language, downloads the same bytes.
        await LogInAsync(page, email);
        await page.GotoAsync($"/Invoices/{invoice.InvoiceId}");
        await page.Locator("html[lang=lv]").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "invoice-email-2-invoice");
        var href = await page.Locator($"a[href='/Invoices/{invoice.InvoiceId}?handler=Pdf']").GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(href!, new() { Timeout = 90_000 });
        download.Status.ShouldBe(200);
        (await download.BodyAsync()).ShouldBe(attachment.Content);
    }

    private async Task LogInAsync(IPage page, string email)
    {
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        // The dashboard, in the user's own language (the demo user's is Romanian until the journey changes it).
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        }
        catch (TimeoutException timeout)
        {
            // Say where the browser stayed and what the page said, so a failure names its cause.
            await BrowserFixture.ScreenshotAsync(page, "invoice-email-login-failed");
            var said = await page.Locator("[role=alert], h1").AllInnerTextsAsync();
            throw new TimeoutException($"No dashboard after logging in as {email}: the browser is at {page.Url}, the page says '{string.Join(" | ", said)}'.", timeout);
        }
    }

    private async Task<T> SystemAsync<T>(Func<IMediator, Task<T>> action)
    {
        await using var scope = _portal.Factory.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.System);
        return await action(scope.Resolve<IMediator>());
    }
}

public sealed class SqliteInvoiceByEmailJourneyTests(BrowserFixture browser) : InvoiceByEmailJourneyTests(browser)
{
    protected override TestDatabase CreateDatabase() => new SqliteDatabase();
}

[Postgres]
public sealed class PostgresInvoiceByEmailJourneyTests(BrowserFixture browser) : InvoiceByEmailJourneyTests(browser)
{
    protected override TestDatabase CreateDatabase() => new PostgresDatabase();
}
