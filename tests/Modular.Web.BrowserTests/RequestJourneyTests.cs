using System.Web;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Modular.Accounts.Contracts;
using Modular.Accounts.Demo;
using Modular.Core.Access;
using OtpNet;
using Shouldly;
using Xunit;

namespace Modular.Web.BrowserTests;

/// <summary>
/// The demo customer sends a free-form message with a PDF from the catalogue, an agent answers it in the back office, and
/// the customer reads the answer on the request's page and the inspection acts under their contracts (screenshots
/// <c>requests-*.png</c>).
/// </summary>
public sealed class RequestJourneyTests(BrowserFixture browser, LivePortalFixture live) : IClassFixture<BrowserFixture>, IClassFixture<LivePortalFixture>
{
    private const string StaffPassword = "Birou-de-relatii-cu-clientii-9";

    [Fact]
    public async Task A_customer_sends_a_form_with_a_file_an_agent_answers_and_the_customer_reads_the_answer_and_the_acts()
    {
        var portal = live.Portal;
        var subject = "Factură dublă " + Guid.NewGuid().ToString("N")[..6];
        var file = Path.Combine(Path.GetTempPath(), $"factura-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(file, "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");

        // The customer: the catalogue, the free-form message, a PDF attached.
        await using var customerContext = await browser.NewContextAsync(portal.Url, phone: false);
        var customer = await customerContext.NewPageAsync();
        await customer.GotoAsync("/Account/Login");
        await customer.Locator("input[name=Email]").FillAsync(DemoCustomers.DemoUserEmail);
        await customer.Locator("input[name=Password]").FillAsync(DemoCustomers.DemoUserPassword);
        await customer.Locator("main form button[type=submit]").First.ClickAsync();
        await customer.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await customer.GotoAsync("/Requests");
        await customer.Locator("[data-testid=new-request]").ClickAsync();
        await customer.Locator("a[data-form='free-message']").ClickAsync();
        await customer.Locator("#field-subject").FillAsync(subject);
        await customer.Locator("#field-message").FillAsync("Am primit două facturi pentru aceeași lună.");
        await customer.Locator("#field-file").SetInputFilesAsync(file);
        await BrowserFixture.ScreenshotAsync(customer, "requests-1-form");
        await customer.Locator("form[data-form='free-message'] button[type=submit]").ClickAsync();
        await customer.Locator("#request-sent").WaitForAsync();
        var number = (await customer.Locator("[data-testid=request-number]").InnerTextAsync()).Trim();
        number.ShouldMatch(@"^CR-\d{4}-\d{6}$");
        (await customer.Locator("[data-testid=request-files]").InnerTextAsync()).ShouldContain(".pdf");
        await PortalBasicsTests.NoHorizontalScrollAsync(customer);
        await BrowserFixture.ScreenshotAsync(customer, "requests-2-sent");
        var requestUrl = customer.Url;

        // The agent: signs in, opens the request from the inbox and answers.
        var email = $"agent-{Guid.NewGuid():N}@utility.example";
        await using var scope = portal.Factory.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.System);
        var enrolment = (await scope.Resolve<IMediator>().Send(new CreateStaffMember(email, "Ana Pop", [StaffRoles.CustomerService], StaffPassword))).Value;
        var secret = HttpUtility.ParseQueryString(new Uri(enrolment.TotpUri).Query)["secret"]!;
        var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(portal.Factory.Clock.GetCurrentInstant().ToDateTimeUtc());
        await using var staffContext = await browser.NewContextAsync(portal.Url, phone: false);
        var staff = await staffContext.NewPageAsync();
        await staff.GotoAsync("/staff/Login");
        await staff.Locator("input[name=Email]").FillAsync(email);
        await staff.Locator("input[type=password]").FillAsync(StaffPassword);
        await staff.Locator("input[autocomplete=one-time-code], input[name=Code]").First.FillAsync(code);
        await staff.Locator("main form button[type=submit]").First.ClickAsync();
        await staff.WaitForURLAsync(u => !u.Contains("/staff/Login", StringComparison.OrdinalIgnoreCase));
        await staff.Locator("a[href='/staff/requests']").First.ClickAsync();
        await staff.Locator($"tr[data-request='{number}'] a").ClickAsync();
        (await staff.Locator("main").InnerTextAsync()).ShouldContain(subject);
        await staff.Locator("#Body").FillAsync("Am anulat factura dublă; o veți vedea în cont mâine.");
        await staff.Locator("[data-testid=message] button[value=false]").ClickAsync();
        await staff.Locator("#request-done").WaitForAsync();
        await PortalBasicsTests.NoHorizontalScrollAsync(staff);
        await BrowserFixture.ScreenshotAsync(staff, "requests-3-staff-answer");

        // The customer reads the answer.
        await customer.GotoAsync(requestUrl);
        var thread = await customer.Locator("[data-testid=thread]").InnerTextAsync();
        thread.ShouldContain("Am anulat factura dublă; o veți vedea în cont mâine.");
        await BrowserFixture.ScreenshotAsync(customer, "requests-4-answer");

        // ... and, under each contract, its inspection acts, newest first; an act opens on its own page.
        await customer.GotoAsync("/Contracts");
        var acts = customer.Locator("main table[data-acts] tr[data-act]");
        (await acts.CountAsync()).ShouldBeGreaterThan(0);
        var actNumber = (await acts.First.GetAttributeAsync("data-act"))!;
        await BrowserFixture.ScreenshotAsync(customer, "requests-5-acts");
        await acts.First.Locator("a[href^='/Contracts/acts/']").First.ClickAsync();
        await customer.WaitForURLAsync(u => u.Contains("/Contracts/acts/", StringComparison.Ordinal));
        (await customer.Locator("main h1").InnerTextAsync()).ShouldContain(actNumber);
        await PortalBasicsTests.NoHorizontalScrollAsync(customer);
        File.Delete(file);
    }
}
