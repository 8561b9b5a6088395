using System.Web;
using Autofac;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Modular.Accounts.Contracts;
using Modular.Accounts.Demo;
using Modular.Core.Access;
using Modular.Payments.Contracts;
using OtpNet;
using Shouldly;
using Xunit;

namespace Modular.Web.BrowserTests;

/// <summary>
/// Every page of the portal on a 360 px phone in each language, signed in as the demo customer with its invoices, payments,
/// meter, readings, contract, profile and an API token: no sideways scroll, nothing sticking out, the page's language right.
/// The pages come from the app's own endpoints, so a page added later fails here until it is visited.
/// </summary>
public sealed class PhonePagesTests(BrowserFixture browser, LivePortalFixture live) : IClassFixture<BrowserFixture>, IClassFixture<LivePortalFixture>
{
    /// <summary>How each Razor page is reached; those with route values or a state are reached through the page that links them.</summary>
    private static readonly Dictionary<string, Visit> Pages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/Account/Login"] = Visit.Public,
        ["/Account/Register"] = Visit.Public,
        ["/account/forgot"] = Visit.Public,
        ["/Account/Terms"] = Visit.Public,
        // Without a provider (none configured here): the "not available" and "start again" messages.
        ["/Account/External"] = Visit.Public,
        ["/Account/ExternalRegister"] = Visit.Public,
        ["/Error"] = Visit.Public,
        ["/account/confirm"] = Visit.Public,
        ["/account/reset"] = Visit.Public,
        ["/account/confirm-email-change"] = Visit.Public,
        ["/"] = Visit.Customer,
        ["/Invoices"] = Visit.Customer,
        ["/Invoices/{id:guid}"] = Visit.Linked,
        ["/Pay"] = Visit.Customer,
        ["/Pay/Result"] = Visit.Linked,
        ["/Payments"] = Visit.Customer,
        ["/Payments/Receipt/{id:guid}"] = Visit.Linked,
        ["/Readings"] = Visit.Customer,
        ["/Readings/History/{id:guid}"] = Visit.Linked,
        ["/Notifications"] = Visit.Customer,
        ["/Notifications/Preferences"] = Visit.Customer,
        // Reached from an email's link with its token; without one it says the link is not valid.
        ["/Notifications/Unsubscribe"] = Visit.Public,
        ["/Requests"] = Visit.Customer,
        ["/Requests/New/{code?}"] = Visit.Linked,
        ["/Requests/{id:guid}"] = Visit.Linked,
        ["/Contracts"] = Visit.Customer,
        ["/Contracts/acts/{id:guid}"] = Visit.Linked,
        ["/Profile"] = Visit.Customer,
        ["/Profile/Tokens"] = Visit.Customer,
        ["/Profile/SignInMethods"] = Visit.Customer,
        ["/Profile/Data"] = Visit.Customer,
        // Answer a POST with a redirect; nothing to look at.
        ["/Language"] = Visit.Action,
        ["/Account/Logout"] = Visit.Action,
        ["/staff/Language"] = Visit.Action,
        ["/staff/Logout"] = Visit.Action,
        ["/staff/Login"] = Visit.Staff,
        ["/staff/Denied"] = Visit.Staff,
        ["/staff"] = Visit.Staff,
        ["/staff/customers"] = Visit.Staff,
        ["/staff/customers/{id:guid}"] = Visit.Staff,
        ["/staff/customers/acting"] = Visit.Action,
        ["/staff/accounts"] = Visit.Staff,
        ["/staff/audit"] = Visit.Staff,
        ["/staff/operations/dead-letters"] = Visit.Staff,
        ["/staff/readings/submit"] = Visit.Action,
        ["/staff/cashier"] = Visit.Staff,
        ["/staff/cashier/day"] = Visit.Staff,
        ["/staff/cashier/cancellations"] = Visit.Staff,
        ["/staff/cashier/days"] = Visit.Staff,
        ["/staff/cashier/days/{staffId:guid}"] = Visit.Staff,
        ["/staff/cashier/receipt/{id:guid}"] = Visit.Staff,
        ["/staff/payments"] = Visit.Staff,
        ["/staff/payments/{id:guid}"] = Visit.Staff,
        ["/staff/suspense"] = Visit.Staff,
        ["/staff/suspense/{id:guid}"] = Visit.Staff,
        ["/staff/imports"] = Visit.Staff,
        ["/staff/imports/{id:guid}"] = Visit.Staff,
        ["/staff/meters/{meterId:guid}"] = Visit.Staff,
        ["/staff/requests"] = Visit.Staff,
        ["/staff/requests/{id:guid}"] = Visit.Staff,
        ["/staff/requests/new/{code?}"] = Visit.Staff,
        ["/staff/acts"] = Visit.Staff,
        ["/staff/acts/new"] = Visit.Staff,
        ["/staff/acts/import"] = Visit.Staff,
        ["/staff/acts/{id:guid}"] = Visit.Staff,
        ["/outages"] = Visit.Public,
        ["/staff/outages"] = Visit.Staff,
        ["/staff/outages/new"] = Visit.Staff,
        ["/staff/outages/{id:guid}"] = Visit.Staff,
        ["/staff/kiosks"] = Visit.Staff,
        ["/staff/kiosks/new"] = Visit.Staff,
        ["/staff/kiosks/{id:guid}"] = Visit.Staff,
        ["/staff/kiosks/{id:guid}/days/{day}"] = Visit.Staff,
        ["/kiosk"] = Visit.Kiosk,
        ["/kiosk/due"] = Visit.Kiosk,
        ["/kiosk/card"] = Visit.Kiosk,
        ["/kiosk/cash"] = Visit.Kiosk,
        ["/kiosk/receipt"] = Visit.Kiosk,
        ["/kiosk/reading"] = Visit.Kiosk,
        ["/kiosk/settings"] = Visit.Action,
        ["/kiosk/end"] = Visit.Action,
    };

    private readonly List<string> _problems = [];

    private enum Visit
    {
        Public,
        Customer,
        Linked,
        Action,
        Staff,

        /// <summary>A kiosk screen: served by the kiosk host only (404 here); <c>KioskJourneyTests</c> checks them at kiosk sizes.</summary>
        Kiosk,
    }

    [Fact]
    public void Every_page_of_the_portal_is_listed_for_the_phone_check()
    {
        var routes = PageRoutes(live.Portal.Factory.Services);
        routes.Except(Pages.Keys, StringComparer.OrdinalIgnoreCase).ShouldBeEmpty("pages the 360 px check does not visit yet");
        Pages.Keys.Except(routes, StringComparer.OrdinalIgnoreCase).ShouldBeEmpty("listed pages the portal no longer has");
    }

    [Theory]
    [InlineData("ro")]
    [InlineData("en")]
    [InlineData("lv")]
    public async Task Every_customer_and_public_page_fits_a_360_px_phone(string language)
    {
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _problems.Clear();
        var portal = live.Portal;

        // Public pages, signed out.
        await using (var anonymous = await browser.NewContextAsync(portal.Url, phone: true))
        {
            var page = await anonymous.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await ChooseLanguageAsync(page, language);
            foreach (var route in Pages.Where(p => p.Value == Visit.Public).Select(p => p.Key))
            {
                var url = route.StartsWith("/account/", StringComparison.Ordinal) ? route + "?token=abc" : route;
                await CheckAsync(page, url, language, route, visited);
            }
        }

        // The demo customer, signed in.
        await using var context = await browser.NewContextAsync(portal.Url, phone: true);
        var signedIn = await context.NewPageAsync();
        await signedIn.GotoAsync("/Account/Login");
        await signedIn.Locator("input[name=Email]").FillAsync(DemoCustomers.DemoUserEmail);
        await signedIn.Locator("input[name=Password]").FillAsync(DemoCustomers.DemoUserPassword);
        await signedIn.Locator("main form button[type=submit]").First.ClickAsync();
        await signedIn.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await ChooseLanguageAsync(signedIn, language);

        // An API token, so the token page lists one.
        await signedIn.GotoAsync("/Profile/Tokens");
        await signedIn.Locator("input[name=Name]").FillAsync("contor-" + language);
        await signedIn.Locator("input[name=Scopes]").First.CheckAsync();
        await signedIn.Locator("main form button[type=submit]").First.ClickAsync();
        await signedIn.Locator("#new-token").WaitForAsync();

        foreach (var route in Pages.Where(p => p.Value == Visit.Customer).Select(p => p.Key))
        {
            await CheckAsync(signedIn, route, language, route, visited);
        }

        // Pages reached through a link.
        await signedIn.GotoAsync("/Invoices");
        var invoice = await signedIn.Locator("main a[href^='/Invoices/']").First.GetAttributeAsync("href");
        await CheckAsync(signedIn, invoice!, language, "/Invoices/{id:guid}", visited);
        await signedIn.GotoAsync("/Payments");
        var receipt = await signedIn.Locator("main a[href^='/Payments/Receipt/']").First.GetAttributeAsync("href");
        await CheckAsync(signedIn, receipt!, language, "/Payments/Receipt/{id:guid}", visited);
        await signedIn.GotoAsync("/Readings");
        var history = await signedIn.Locator("main a[href^='/Readings/History/']").First.GetAttributeAsync("href");
        await CheckAsync(signedIn, history!, language, "/Readings/History/{id:guid}", visited);
        // The catalogue, a form rendered from its fields, and one of the demo customer's requests with its thread.
        await CheckAsync(signedIn, "/Requests/New", language, "/Requests/New/{code?}", visited);
        await CheckAsync(signedIn, "/Requests/New/meter-verification", language, "/Requests/New/{code?}", visited);
        await signedIn.GotoAsync("/Requests");
        var request = await signedIn.Locator("main tr[data-request] a").First.GetAttributeAsync("href");
        await CheckAsync(signedIn, request!, language, "/Requests/{id:guid}", visited);
        await signedIn.GotoAsync("/Contracts");
        var act = await signedIn.Locator("main a[href^='/Contracts/acts/']").First.GetAttributeAsync("href");
        await CheckAsync(signedIn, act!, language, "/Contracts/acts/{id:guid}", visited);

        // The sandbox gateway's page (not a Razor page) and the result page it returns to; declined, so nothing stays pending.
        await signedIn.GotoAsync("/Pay");
        await signedIn.Locator("input[name=InvoiceIds]").First.CheckAsync();
        await signedIn.Locator("main form button[type=submit]").Last.ClickAsync();
        await signedIn.Locator("#reference").WaitForAsync();
        await CheckCurrentAsync(signedIn, language, "sandbox");
        await signedIn.Locator("button[value=decline]").ClickAsync();
        await signedIn.WaitForURLAsync(u => u.Contains("/Pay/Result", StringComparison.OrdinalIgnoreCase));
        await CheckCurrentAsync(signedIn, language, "/Pay/Result");
        visited.Add("/Pay/Result");

        Pages.Where(p => p.Value is Visit.Public or Visit.Customer or Visit.Linked).Select(p => p.Key).Except(visited, StringComparer.OrdinalIgnoreCase)
            .ShouldBeEmpty();
        _problems.ShouldBeEmpty();
    }

    /// <summary>
    /// The back office on a phone, signed in as an administrator with a TOTP code: the page never scrolls sideways (its
    /// wide tables scroll inside their own box, as designed for desks and tablets) and the language is right.
    /// </summary>
    [Theory]
    [InlineData("ro")]
    [InlineData("en")]
    [InlineData("lv")]
    public async Task Every_staff_page_fits_a_360_px_phone_without_scrolling_sideways(string language)
    {
        var portal = live.Portal;
        var email = $"admin-{language}-{Guid.NewGuid():N}@utility.example";
        const string password = "Birou-de-relatii-cu-clientii-9";
        await using var scope = portal.Factory.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.System);
        var enrolment = (await scope.Resolve<IMediator>().Send(new CreateStaffMember(email, "Ana Pop", [StaffRoles.Administrator], password))).Value;
        await ImportUnmatchedTransferAsync(scope.Resolve<IMediator>(), language);
        var secret = HttpUtility.ParseQueryString(new Uri(enrolment.TotpUri).Query)["secret"]!;
        var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(portal.Factory.Clock.GetCurrentInstant().ToDateTimeUtc());
        await using var context = await browser.NewContextAsync(portal.Url, phone: true);
        var page = await context.NewPageAsync();
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _problems.Clear();

        await page.GotoAsync("/staff/Login");
        await ChooseLanguageAsync(page, language);
        await CheckCurrentAsync(page, language, "/staff/Login", scrollBoxes: true);
        visited.Add("/staff/Login");
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[type=password]").FillAsync(password);
        await page.Locator("input[autocomplete=one-time-code], input[name=Code]").First.FillAsync(code);
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/staff/Login", StringComparison.OrdinalIgnoreCase));

        foreach (var route in new[] { "/staff", "/staff/customers", "/staff/accounts", "/staff/audit", "/staff/operations/dead-letters", "/staff/suspense",
                     "/staff/requests" })
        {
            await CheckAsync(page, route, language, route, visited, scrollBoxes: true);
        }

        await page.GotoAsync("/staff/suspense");
        var entry = await page.Locator("main a[href^='/staff/suspense/']").First.GetAttributeAsync("href");
        await CheckAsync(page, entry!, language, "/staff/suspense/{id:guid}", visited, scrollBoxes: true);
        await CheckAsync(page, "/staff/imports", language, "/staff/imports", visited, scrollBoxes: true);
        var import = await page.Locator("main a[href^='/staff/imports/']").First.GetAttributeAsync("href");
        await CheckAsync(page, import + "?all=true", language, "/staff/imports/{id:guid}", visited, scrollBoxes: true);
        await CheckAsync(page, "/staff/payments?q=100001", language, "/staff/payments", visited, scrollBoxes: true);
        var payment = await page.Locator("main a[href^='/staff/payments/']").First.GetAttributeAsync("href");
        await CheckAsync(page, payment!, language, "/staff/payments/{id:guid}", visited, scrollBoxes: true);

        // A search with one match opens the customer's page at once.
        await page.GotoAsync("/staff/customers?q=100001");
        var customer = Guid.TryParse(new Uri(page.Url).Segments[^1], out _)
            ? new Uri(page.Url).PathAndQuery
            : await page.Locator("main a[href^='/staff/customers/']").First.GetAttributeAsync("href");
        await CheckAsync(page, customer!, language, "/staff/customers/{id:guid}", visited, scrollBoxes: true);
        // The customer's meters link their meter pages (an administrator sees the forms too).
        var meter = await page.Locator("main a[href^='/staff/meters/']").First.GetAttributeAsync("href");
        // The customer's requests link their pages; entering one needs acting on the customer's behalf (the page says so).
        var staffRequest = await page.Locator("main [data-testid=customer-requests] a[href^='/staff/requests/']").First.GetAttributeAsync("href");
        await CheckAsync(page, meter!, language, "/staff/meters/{meterId:guid}", visited, scrollBoxes: true);
        await CheckAsync(page, staffRequest!, language, "/staff/requests/{id:guid}", visited, scrollBoxes: true);
        await CheckAsync(page, "/staff/requests/new", language, "/staff/requests/new/{code?}", visited, scrollBoxes: true);
        // Inspection acts: the list (the demo customer's contract), an act, the entry form and the import form.
        await CheckAsync(page, "/staff/acts?q=CT-100001-1", language, "/staff/acts", visited, scrollBoxes: true);
        var act = await page.Locator("main a[href^='/staff/acts/']:not([href$='/new']):not([href$='/import'])").First.GetAttributeAsync("href");
        await CheckAsync(page, act!, language, "/staff/acts/{id:guid}", visited, scrollBoxes: true);
        await CheckAsync(page, "/staff/acts/new", language, "/staff/acts/new", visited, scrollBoxes: true);
        await CheckAsync(page, "/staff/acts/import", language, "/staff/acts/import", visited, scrollBoxes: true);
        // Outages: the list, the entry form and an outage's page (one recorded for this language).
        var outage = (await scope.Resolve<IMediator>().Send(new Modular.Notifications.Contracts.AnnounceOutage(
            Modular.Notifications.Contracts.OutageKind.Planned, Modular.Notifications.Contracts.OutageServices.Water,
            portal.Factory.Clock.GetCurrentInstant(), portal.Factory.Clock.GetCurrentInstant().Plus(NodaTime.Duration.FromHours(6)),
            new Modular.Notifications.Contracts.OutageTexts("Lucrări la rețea.", "Network works.", "Tīkla darbi."),
            [new Modular.Notifications.Contracts.OutageStreet("Petroșani", "Strada Mihai Eminescu", 1, 40, Modular.Notifications.Contracts.HouseNumbers.Odd)],
            null))).Value;
        await CheckAsync(page, "/staff/outages", language, "/staff/outages", visited, scrollBoxes: true);
        await CheckAsync(page, "/staff/outages/new", language, "/staff/outages/new", visited, scrollBoxes: true);
        await CheckAsync(page, $"/staff/outages/{outage.OutageId}", language, "/staff/outages/{id:guid}", visited, scrollBoxes: true);
        // Kiosks: the list (the demo kiosk CC1-K1), its page, today's report and the registration form.
        await CheckAsync(page, "/staff/kiosks", language, "/staff/kiosks", visited, scrollBoxes: true);
        var kiosk = await page.Locator("main [data-kiosk='CC1-K1'] a[href^='/staff/kiosks/']").First.GetAttributeAsync("href");
        await CheckAsync(page, kiosk!, language, "/staff/kiosks/{id:guid}", visited, scrollBoxes: true);
        var kioskDay = await page.Locator("main a[href*='/days/']").First.GetAttributeAsync("href");
        await CheckAsync(page, kioskDay!, language, "/staff/kiosks/{id:guid}/days/{day}", visited, scrollBoxes: true);
        await CheckAsync(page, "/staff/kiosks/new", language, "/staff/kiosks/new", visited, scrollBoxes: true);
        // The cashier's desk: the chooser, then (desk chosen) the desk, its end of day, the cancellations and a receipt.
        await CheckAsync(page, "/staff/cashier", language, "/staff/cashier", visited, scrollBoxes: true);
        await page.Locator("main select[name=Desk]").SelectOptionAsync("CENTRAL|G1");
        await page.Locator("main form.filters button[type=submit]").ClickAsync();
        await page.Locator("main [data-desk='G1']").WaitForAsync();
        await CheckCurrentAsync(page, language, "/staff/cashier (desk chosen)", scrollBoxes: true);
        await CheckAsync(page, "/staff/cashier?q=100001", language, "/staff/cashier", visited, scrollBoxes: true);
        await CheckAsync(page, "/staff/cashier/day", language, "/staff/cashier/day", visited, scrollBoxes: true);
        await CheckAsync(page, "/staff/cashier/cancellations", language, "/staff/cashier/cancellations", visited, scrollBoxes: true);
        var taken = (await scope.Resolve<IMediator>().Send(new Modular.Payments.Contracts.RecordCounterPayment("100001", [], 1m, "RON",
            Modular.Payments.Contracts.CounterMethod.Cash, "CENTRAL", "G1", "phone-" + Guid.NewGuid().ToString("N"), 5m))).Value;
        await CheckAsync(page, $"/staff/cashier/receipt/{taken.PaymentId}", language, "/staff/cashier/receipt/{id:guid}", visited, scrollBoxes: true);
        // The administrator closes their (empty) day at the desk, so the cashiers' days list it.
        await page.GotoAsync("/staff/cashier/day");
        await page.Locator("main form button.danger").ClickAsync();
        await page.Locator("main [data-closed='true']").WaitForAsync();
        await CheckAsync(page, "/staff/cashier/days", language, "/staff/cashier/days", visited, scrollBoxes: true);
        var cashierDay = await page.Locator("main a[href^='/staff/cashier/days/']").First.GetAttributeAsync("href");
        await CheckAsync(page, cashierDay!, language, "/staff/cashier/days/{staffId:guid}", visited, scrollBoxes: true);
        await page.GotoAsync("/staff/Denied");
        await CheckCurrentAsync(page, language, "/staff/Denied", scrollBoxes: true);
        visited.Add("/staff/Denied");

        Pages.Where(p => p.Value == Visit.Staff).Select(p => p.Key).Except(visited, StringComparer.OrdinalIgnoreCase).ShouldBeEmpty();
        _problems.ShouldBeEmpty();
    }

    /// <summary>A bank transfer nobody's reference matches, so the suspense screens have an entry to show.</summary>
    private static async Task ImportUnmatchedTransferAsync(IMediator mediator, string language)
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><GrpHdr><MsgId>P1</MsgId></GrpHdr>" +
            "<Stmt><Id>P1</Id><Acct><Id><IBAN>RO49AAAA1B31007593840001</IBAN></Id></Acct><Ntry><NtryRef>PHONE-" + language + "</NtryRef><Amt Ccy=\"RON\">123.45</Amt>" +
            "<CdtDbtInd>CRDT</CdtDbtInd><RvslInd>false</RvslInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-24</Dt></BookgDt><ValDt><Dt>2026-11-24</Dt></ValDt>" +
            "<NtryDtls><TxDtls><RmtInf><Ustrd>Apa bloc 7 scara B apartamentul 31 luna noiembrie</Ustrd></RmtInf><RltdPties><Dbtr><Pty><Nm>Asociația de proprietari Bloc 7</Nm></Pty></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>" +
            "</Stmt></BkToCstmrStmt></Document>";
        using var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        (await mediator.Send(new ImportBankStatement(file, $"phone-{language}.xml"))).IsSuccess.ShouldBeTrue();
    }

    /// <summary>The portal's Razor page routes, one per page (the shortest of an index page's two), with a leading slash.</summary>
    private static IReadOnlyList<string> PageRoutes(IServiceProvider services) => services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
        .Where(e => e.Page is not null)
        .GroupBy(e => (e.Page!.AreaName, e.Page.ViewEnginePath))
        .Select(g => "/" + g.Select(e => e.Endpoint.RoutePattern.RawText ?? string.Empty).OrderBy(r => r.Length).First().TrimStart('/'))
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();

    private static async Task ChooseLanguageAsync(IPage page, string language)
    {
        await page.Locator($"form.languages button[value={language}]").ClickAsync();
        await page.WaitForFunctionAsync($"document.documentElement.lang === '{language}'");
    }

    private async Task CheckAsync(IPage page, string url, string language, string route, HashSet<string> visited, bool scrollBoxes = false)
    {
        var response = await page.GotoAsync(url);
        response.ShouldNotBeNull();
        response.Ok.ShouldBeTrue(url);
        await CheckCurrentAsync(page, language, route, scrollBoxes);
        visited.Add(route);
    }

    /// <summary>Checks the page shown now; what is wrong is collected, so one run reports every page.</summary>
    private async Task CheckCurrentAsync(IPage page, string language, string name, bool scrollBoxes = false)
    {
        var where = $"{name} ({language})";
        await BrowserFixture.ScreenshotAsync(page, Path.Combine("phone-360", $"{language}{Slug(name)}"));
        if (await page.Locator("html").GetAttributeAsync("lang") != language)
        {
            _problems.Add(where + ": the page's language is not " + language);
        }

        if (await page.EvaluateAsync<int>("document.documentElement.scrollWidth") > page.ViewportSize!.Width)
        {
            _problems.Add(where + ": the page scrolls sideways");
        }

        _problems.AddRange((await OverflowsAsync(page, scrollBoxes)).Select(p => where + ": " + p));
        // Compact: a phone sees the page's heading without scrolling past the header (it was 213 px).
        var header = await page.EvaluateAsync<int>("document.querySelector('header')?.getBoundingClientRect().height ?? 0");
        // (The back office's header also names the surface beside the brand; only the portal's is held to one row.)
        if (!scrollBoxes && header > 64)
        {
            _problems.Add($"{where}: the header is {header} px tall");
        }
    }

    /// <summary>
    /// No element sticks out of the phone's width or out of its own box, and no number or single word is broken across
    /// lines (an element whose text has no space yet takes more than one line).
    /// </summary>
    private static async Task<string[]> OverflowsAsync(IPage page, bool scrollBoxes)
    {
        var width = page.ViewportSize!.Width;
        var problems = await page.EvaluateAsync<string[]>(
            """
            ([width, scrollBoxes]) => {
              const visible = e => { const s = getComputedStyle(e); return s.visibility !== 'hidden' && s.display !== 'none' && e.getClientRects().length > 0; };
              // Visually hidden (clipped to a pixel) content is read out, not seen: it cannot widen what is seen.
              const hidden = e => { for (let a = e; a; a = a.parentElement) { if (getComputedStyle(a).clip !== 'auto' || a.classList.contains('skip-link')) return true; } return false; };
              // Where allowed, what is inside a box that scrolls on its own does not widen the page.
              const scrolled = e => scrollBoxes && [...(function* () { for (let a = e.parentElement; a; a = a.parentElement) yield a; })()]
                .some(a => ['auto', 'scroll'].includes(getComputedStyle(a).overflowX));
              const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
              const out = [];
              for (const e of document.querySelectorAll('body *')) {
                if (!visible(e) || hidden(e) || scrolled(e)) continue;
                const r = e.getBoundingClientRect();
                if (r.right > width + 1 || r.left < -1) out.push(name(e) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' px');
                else if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0 && !['svg', 'g'].includes(e.tagName.toLowerCase()))
                  out.push(name(e) + ' content ' + e.scrollWidth + ' px in ' + e.clientWidth + ' px');
              }
              // A money figure, a date or a serial number on two lines is broken mid-token.
              for (const e of document.querySelectorAll('td.num, .money, .figure, time, .status, .nowrap')) {
                if (!visible(e) || hidden(e)) continue;
                const text = e.textContent.trim();
                if (text.length === 0 || /\s/.test(text.replace(/\u00a0|\u202f/g, '')) ) continue;
                const lines = e.getClientRects().length > 1 ? e.getClientRects().length : Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || '20'));
                if (lines > 1) out.push(name(e) + ' "' + text + '" breaks over ' + lines + ' lines');
              }
              if (document.querySelectorAll('[aria-current="page"]').length > 1) out.push('more than one menu entry is marked as the current page');
              // The menu button sits over the header's bar: it must not cover the brand or a language button.
              const menu = document.querySelector('.menu > summary');
              if (menu && visible(menu)) {
                const m = menu.getBoundingClientRect();
                for (const e of document.querySelectorAll('.site-header .brand, .site-header .languages button')) {
                  const r = e.getBoundingClientRect();
                  if (r.left < m.right && m.left < r.right && r.top < m.bottom && m.top < r.bottom) out.push('the menu button covers ' + name(e));
                }
              }
              return out.slice(0, 6);
            }
            """, new object[] { width, scrollBoxes });
        return problems;
    }

    private static string Slug(string route) =>
        string.Concat(("/" + route.TrimStart('/')).Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')).TrimEnd('-') is { Length: > 0 } s ? s : "-home";
}
