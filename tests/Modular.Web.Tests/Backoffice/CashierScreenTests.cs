using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>
/// The cashier's desk in the back office (Payments' staff pages): who reaches each screen and POST, taking cash with
/// change through the form (once per form), bad input, card by reference, a cancellation approved by a supervisor, and
/// the day closed once from two tabs.
/// </summary>
public abstract partial class CashierScreenTests(DemoPortal demo)
{
    private static int _nextCustomer;

    /// <summary>The payments each customer handed out already had (the demo's), so a test sees only its own.</summary>
    private readonly Dictionary<Guid, HashSet<Guid>> _before = [];

    public static TheoryData<string, string, bool> Screens => new()
    {
        // role, page, reaches it
        { StaffRoles.Cashier, "/staff/cashier", true },
        { StaffRoles.Cashier, "/staff/cashier/day", true },
        { StaffRoles.Cashier, "/staff/cashier/cancellations", false },
        { StaffRoles.CustomerService, "/staff/cashier", false },
        { StaffRoles.CustomerService, "/staff/cashier/day", false },
        { StaffRoles.CustomerService, "/staff/cashier/cancellations", false },
        { StaffRoles.Supervisor, "/staff/cashier", true },
        { StaffRoles.Supervisor, "/staff/cashier/cancellations", true },
        { StaffRoles.Administrator, "/staff/cashier/cancellations", true },
        { StaffRoles.Cashier, "/staff/cashier/days", false },
        { StaffRoles.CustomerService, "/staff/cashier/days", false },
        { StaffRoles.Supervisor, "/staff/cashier/days", true },
    };

    [DbTheory]
    [MemberData(nameof(Screens))]
    public async Task A_cashier_screen_is_reached_and_listed_in_the_menu_only_with_its_permission(string role, string page, bool allowed)
    {
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));

        var response = await browser.GetAsync(page);
        var home = await browser.GetStringAsync("/staff");

        if (allowed)
        {
            // The day page sends a cashier without a desk to choose one first.
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);
            home.ShouldContain($"href=\"{page}\"");
        }
        else
        {
            response.ShouldBeRefused();
            home.ShouldNotContain($"href=\"{page}\"");
        }
    }

    [DbFact]
    public async Task Nobody_without_the_permission_reaches_a_cashier_post()
    {
        var agent = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.CustomerService));
        const string page = "/staff/customers";
        var (customer, invoice) = await CustomerOwingAsync();

        (await StaffDesk.PostAsync(agent, page, "/staff/cashier?handler=Desk", ("desk", "CENTRAL|G1"))).ShouldBeRefused();
        (await StaffDesk.PostAsync(agent, page, "/staff/cashier?handler=Pay", ("ClientCode", customer.ClientCode), ("InvoiceIds", invoice.InvoiceId.ToString()),
            ("Method", "Cash"), ("Tendered", "1000"), ("IdempotencyKey", Guid.NewGuid().ToString("N")))).ShouldBeRefused();
        // An agent cannot close a day.
        (await StaffDesk.PostAsync(agent, page, "/staff/cashier/day?handler=Close")).ShouldBeRefused();
        (await StaffDesk.PostAsync(agent, page, $"/staff/cashier/receipt/{Guid.NewGuid()}?handler=Cancel", ("Reason", "x"))).ShouldBeRefused();

        // A cashier cannot approve a cancellation (nor refund: no such screen or request for them).
        var cashier = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Cashier));
        (await StaffDesk.PostAsync(cashier, "/staff/cashier", "/staff/cashier/cancellations?handler=Approve", ("cancellationId", Guid.NewGuid().ToString())))
            .ShouldBeRefused();

        var visitor = demo.Portal.Client(https: true);
        foreach (var screen in new[] { "/staff/cashier", "/staff/cashier/day", "/staff/cashier/cancellations", $"/staff/cashier/receipt/{Guid.NewGuid()}" })
        {
            (await visitor.GetAsync(screen)).ShouldBeSentToStaffSignIn();
        }

        var token = await PortalFactory.AntiforgeryTokenAsync(visitor, "/staff/Login");
        (await PortalFactory.PostFormAsync(visitor, "/staff/cashier/day?handler=Close", token)).ShouldBeSentToStaffSignIn();
        (await PaymentsOfAsync(customer.CustomerId)).ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_cashier_scans_the_invoice_code_takes_cash_with_change_and_a_double_submit_is_one_payment()
    {
        var cashier = await DeskAsync(StaffRoles.Cashier);
        var (customer, invoice) = await CustomerOwingAsync();
        var code = string.Create(CultureInfo.InvariantCulture,
            $"CLIENT:{customer.ClientCode};INVOICE:{invoice.Number};AMOUNT:{invoice.Remaining.Amount:F2} {invoice.Remaining.Currency.Code}");

        var page = await cashier.GetStringAsync("/staff/cashier?q=" + Uri.EscapeDataString(code));

        page.ShouldContain($"data-customer=\"{customer.CustomerId}\"");
        page.ShouldContain($"data-invoice=\"{invoice.InvoiceId}\"");
        var tendered = Math.Ceiling(invoice.Remaining.Amount / 50m) * 50m + 50m;
        var fields = PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Cash"), ("Tendered", tendered.ToString("0.00", CultureInfo.GetCultureInfo("ro"))));
        var token = PortalFactory.AntiforgeryToken(page);

        var clicks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", token, fields)));
        var first = clicks[0];
        clicks[1].Headers.Location.ShouldBe(first.Headers.Location);
        // A reload once Billing has allocated the payment (nothing is due any more) still answers the same receipt.
        await Poll.UntilAsync(async () => (await InvoiceAsync(invoice.InvoiceId)).Remaining.Amount == 0m, "the invoice paid");
        var second = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", token, fields);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, await first.Content.ReadAsStringAsync());
        second.Headers.Location.ShouldBe(first.Headers.Location);
        (await PaymentsOfAsync(customer.CustomerId)).Count.ShouldBe(1);
        var receipt = await cashier.GetStringAsync(first.Headers.Location!.ToString());
        ChangeOn(receipt).ShouldBe(tendered - invoice.Remaining.Amount);
        receipt.ShouldContain("data-print");
        var document = await cashier.GetAsync(first.Headers.Location + "?handler=Print");
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        var number = Regex.Match(receipt, "R \\d{6}").Value;
        (await document.Content.ReadAsStringAsync()).ShouldContain(number);

        // The desk's receipt printer prints it (the simulator leaves the bytes in its folder).
        var printed = await PortalFactory.PostFormAsync(cashier, first.Headers.Location + "?handler=Print", PortalFactory.AntiforgeryToken(receipt));
        printed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await cashier.GetStringAsync(printed.Headers.Location!.ToString())).ShouldContain("Chitanța a fost trimisă la imprimanta");
        Directory.GetFiles(demo.Portal.PrinterFolder, number + ".bin", SearchOption.AllDirectories).ShouldHaveSingleItem();
    }

    [DbTheory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("12,345")]
    [InlineData("")]
    public async Task A_bad_amount_tendered_is_shown_at_the_field_and_nothing_is_written(string tendered)
    {
        var cashier = await DeskAsync(StaffRoles.Cashier);
        var (customer, invoice) = await CustomerOwingAsync();
        var page = await cashier.GetStringAsync("/staff/cashier?q=" + Uri.EscapeDataString(invoice.Number));

        var refused = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", PortalFactory.AntiforgeryToken(page),
            PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Cash"), ("Tendered", tendered)));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("id=\"Tendered-error\"");
        (await PaymentsOfAsync(customer.CustomerId)).ShouldBeEmpty();
    }

    [DbFact]
    public async Task Too_little_cash_is_refused_unless_a_part_payment_is_ticked_and_a_card_needs_its_reference()
    {
        var cashier = await DeskAsync(StaffRoles.Cashier);
        var (customer, invoice) = await CustomerOwingAsync();
        var page = await cashier.GetStringAsync("/staff/cashier?q=" + Uri.EscapeDataString(customer.ClientCode));
        var token = PortalFactory.AntiforgeryToken(page);

        var tooLittle = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", token,
            PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Cash"), ("Tendered", "1")));
        (await tooLittle.Content.ReadAsStringAsync()).ShouldContain("id=\"Tendered-error\"");
        var noReference = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", token,
            PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Card"), ("CardReference", "")));
        (await noReference.Content.ReadAsStringAsync()).ShouldContain("id=\"CardReference-error\"");
        (await PaymentsOfAsync(customer.CustomerId)).ShouldBeEmpty();

        var part = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", token,
            PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Cash"), ("Tendered", "5"), ("PartPayment", "true"), ("PartAmount", "1")));
        part.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PaymentsOfAsync(customer.CustomerId)).ShouldHaveSingleItem().Amount.Amount.ShouldBe(1m);
        ChangeOn(await cashier.GetStringAsync(part.Headers.Location!.ToString())).ShouldBe(4m);
    }

    [DbFact]
    public async Task Money_towards_the_balance_pays_what_is_due_first_keeps_the_rest_as_credit_and_is_taken_when_nothing_is_due()
    {
        var cashier = await DeskAsync(StaffRoles.Cashier);
        var (customer, invoice) = await CustomerOwingAsync();
        var due = await demo.AsSystemAsync(async m => (await m.Send(new GetOpenInvoices([customer.CustomerId]))).Value
            .Where(i => i.CustomerId == customer.CustomerId).Sum(i => i.Remaining.Amount));
        var creditBefore = (await BalanceAsync(customer.CustomerId)).Credit.Amount;
        var page = await cashier.GetStringAsync("/staff/cashier?q=" + Uri.EscapeDataString(customer.ClientCode));
        var token = PortalFactory.AntiforgeryToken(page);
        var amount = (due + 10m).ToString("0.00", CultureInfo.GetCultureInfo("ro"));

        var both = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", token,
            PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Cash"), ("Tendered", amount), ("TowardsBalance", "true"), ("BalanceAmount", amount)));
        (await both.Content.ReadAsStringAsync()).ShouldContain("id=\"InvoiceIds-error\"");
        var noAmount = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", token,
            [.. PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Cash"), ("Tendered", amount), ("TowardsBalance", "true"), ("BalanceAmount", "abc")).Where(f => f.Name != "InvoiceIds")]);
        (await noAmount.Content.ReadAsStringAsync()).ShouldContain("id=\"BalanceAmount-error\"");
        (await PaymentsOfAsync(customer.CustomerId)).ShouldBeEmpty();

        var taken = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", token,
            [.. PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Cash"), ("Tendered", amount), ("TowardsBalance", "true"), ("BalanceAmount", amount)).Where(f => f.Name != "InvoiceIds")]);
        taken.StatusCode.ShouldBe(HttpStatusCode.Redirect, await taken.Content.ReadAsStringAsync());
        (await PaymentsOfAsync(customer.CustomerId)).ShouldHaveSingleItem().Amount.Amount.ShouldBe(due + 10m);
        await Poll.UntilAsync(async () => (await BalanceAsync(customer.CustomerId)).OpenInvoices.Amount == 0m, "every open invoice paid");
        (await BalanceAsync(customer.CustomerId)).Credit.Amount.ShouldBe(creditBefore + 10m);

        // Nothing due now: the desk offers only an advance, which becomes credit.
        var nothingDue = await cashier.GetStringAsync("/staff/cashier?q=" + Uri.EscapeDataString(customer.ClientCode));
        nothingDue.ShouldNotContain("name=\"InvoiceIds\"");
        nothingDue.ShouldContain("name=\"BalanceAmount\"");
        var advance = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", PortalFactory.AntiforgeryToken(nothingDue),
            [("IdempotencyKey", Regex.Match(nothingDue, "name=\"IdempotencyKey\" value=\"([0-9a-f]+)\"").Groups[1].Value), ("ClientCode", customer.ClientCode),
                ("Method", "Cash"), ("Tendered", "50"), ("TowardsBalance", "true"), ("BalanceAmount", "20")]);
        advance.StatusCode.ShouldBe(HttpStatusCode.Redirect, await advance.Content.ReadAsStringAsync());
        var advanceReceipt = await cashier.GetStringAsync(advance.Headers.Location!.ToString());
        ChangeOn(advanceReceipt).ShouldBe(30m);
        advanceReceipt.ShouldContain("data-towards-balance");
        await Poll.UntilAsync(async () => (await BalanceAsync(customer.CustomerId)).Credit.Amount == creditBefore + 30m, "the advance kept as credit");
    }

    [DbFact]
    public async Task A_supervisor_sees_a_cashier_s_open_day_by_name_and_closes_it_once_for_them()
    {
        var member = await demo.NewStaffAsync(StaffRoles.Cashier);
        var cashier = await demo.SignInAsync(member);
        (await StaffDesk.PostAsync(cashier, "/staff/cashier", "/staff/cashier?handler=Desk", ("desk", "CENTRAL|G1"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (customer, invoice) = await CustomerOwingAsync();
        var page = await cashier.GetStringAsync("/staff/cashier?q=" + Uri.EscapeDataString(customer.ClientCode));
        (await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", PortalFactory.AntiforgeryToken(page),
            PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Cash"), ("Tendered", "20"), ("PartPayment", "true"), ("PartAmount", "7,5"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));

        var days = WebUtility.HtmlDecode(await supervisor.GetStringAsync("/staff/cashier/days"));
        var row = Regex.Match(days, $"<tr data-cashier=\"{member.Id}\" data-desk=\"G1\" data-closed=\"false\">(.*?)</tr>", RegexOptions.Singleline);
        row.Success.ShouldBeTrue(days);
        row.Groups[1].Value.ShouldContain("Ana Pop");
        row.Groups[1].Value.ShouldContain("7,50 RON");
        var link = WebUtility.HtmlDecode(Regex.Match(row.Groups[1].Value, "href=\"([^\"]+)\"").Groups[1].Value);
        var day = await supervisor.GetStringAsync(link);
        day.ShouldContain("data-closed=\"false\"");

        var token = PortalFactory.AntiforgeryToken(day);
        var fields = new (string, string?)[] { ("centre", "CENTRAL"), ("desk", "G1"), ("date", "2026-11-25") };
        var closes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            PortalFactory.PostFormAsync(supervisor, $"/staff/cashier/days/{member.Id}?handler=Close", token, fields)));
        closes.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        WebUtility.HtmlDecode(await closes.Single(r => r.StatusCode != HttpStatusCode.Redirect).Content.ReadAsStringAsync()).ShouldContain("deja închisă");
        (await supervisor.GetStringAsync(link)).ShouldContain("data-closed=\"true\"");
        (await cashier.GetStringAsync("/staff/cashier/day")).ShouldContain("data-closed=\"true\"");
        (await StaffDesk.PostAsync(cashier, "/staff/cashier", $"/staff/cashier/days/{member.Id}?handler=Close", fields)).ShouldBeRefused();
    }

    [DbFact]
    public async Task A_cancellation_asked_by_the_cashier_and_approved_by_a_supervisor_reopens_the_invoice()
    {
        var cashier = await DeskAsync(StaffRoles.Cashier);
        var (customer, invoice) = await CustomerOwingAsync();
        var receiptUrl = await TakeCashAsync(cashier, customer, invoice);
        var paymentId = Guid.Parse(receiptUrl.Split('/')[^1]);
        // Billing allocates the payment from its event (a background delivery may hold it for a moment).
        await Poll.UntilAsync(async () => (await InvoiceAsync(invoice.InvoiceId)).Remaining.Amount == 0m, "the invoice paid");

        var missingReason = await StaffDesk.PostAsync(cashier, receiptUrl, receiptUrl + "?handler=Cancel", ("Reason", " "));
        missingReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await missingReason.Content.ReadAsStringAsync()).ShouldContain("id=\"Reason-error\"");
        (await StaffDesk.PostAsync(cashier, receiptUrl, receiptUrl + "?handler=Cancel", ("Reason", "Wrong customer"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await cashier.GetStringAsync(receiptUrl)).ShouldContain("data-cancellation=\"Pending\"");

        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var list = await supervisor.GetStringAsync("/staff/cashier/cancellations");
        var cancellationId = Regex.Match(list, $"data-cancellation=\"([0-9a-f-]+)\">\\s*<td><a href=\"/staff/cashier/receipt/{paymentId}\"").Groups[1].Value;
        cancellationId.ShouldNotBeEmpty();
        var approved = await StaffDesk.PostAsync(supervisor, "/staff/cashier/cancellations", "/staff/cashier/cancellations?handler=Approve", ("cancellationId", cancellationId));
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await StaffDesk.PostAsync(supervisor, "/staff/cashier/cancellations", "/staff/cashier/cancellations?handler=Approve", ("cancellationId", cancellationId));
        (await again.Content.ReadAsStringAsync()).ShouldContain("alert-error");

        await Poll.UntilAsync(async () => (await InvoiceAsync(invoice.InvoiceId)).Remaining == invoice.Remaining, "the invoice open again");
        (await PaymentsOfAsync(customer.CustomerId)).ShouldHaveSingleItem().Status.ShouldBe(PaymentStatus.Reversed);
        (await cashier.GetStringAsync("/staff/cashier/day")).ShouldContain("data-total=\"cancelled\">1 ");
    }

    [DbFact]
    public async Task The_day_closed_from_two_tabs_at_once_closes_once_and_no_money_is_taken_after()
    {
        var cashier = await DeskAsync(StaffRoles.Cashier);
        var (customer, invoice) = await CustomerOwingAsync();
        await TakeCashAsync(cashier, customer, invoice, part: 2m);
        var day = await cashier.GetStringAsync("/staff/cashier/day");
        day.ShouldContain("data-total=\"receipts\">1<");
        day.ShouldContain("data-closed=\"false\"");
        var tabs = new[] { PortalFactory.AntiforgeryToken(day), PortalFactory.AntiforgeryToken(await cashier.GetStringAsync("/staff/cashier/day")) };

        var closes = await Task.WhenAll(tabs.Select(token => PortalFactory.PostFormAsync(cashier, "/staff/cashier/day?handler=Close", token, ("date", ""))));

        closes.Count(c => c.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        var loser = closes.Single(c => c.StatusCode != HttpStatusCode.Redirect);
        loser.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await loser.Content.ReadAsStringAsync()).ShouldContain("alert-error");
        var closed = await cashier.GetStringAsync("/staff/cashier/day");
        closed.ShouldContain("data-closed=\"true\"");
        closed.ShouldNotContain("handler=Close");

        var page = await cashier.GetStringAsync("/staff/cashier?q=" + Uri.EscapeDataString(invoice.Number));
        var after = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", PortalFactory.AntiforgeryToken(page),
            PayFields(page, customer.ClientCode, invoice.InvoiceId, ("Method", "Cash"), ("Tendered", "5"), ("PartPayment", "true"), ("PartAmount", "1")));
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await after.Content.ReadAsStringAsync()).ShouldContain("alert-error");
        (await PaymentsOfAsync(customer.CustomerId)).Count.ShouldBe(1);
    }

    /// <summary>A staff member signed in at desk G1 of the default centre.</summary>
    private async Task<HttpClient> DeskAsync(string role)
    {
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));
        (await StaffDesk.PostAsync(browser, "/staff/cashier", "/staff/cashier?handler=Desk", ("desk", "CENTRAL|G1"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetStringAsync("/staff/cashier")).ShouldContain("data-desk=\"G1\"");
        return browser;
    }

    private async Task<string> TakeCashAsync(HttpClient cashier, CustomerSummary customer, InvoiceSummary invoice, decimal? part = null)
    {
        var page = await cashier.GetStringAsync("/staff/cashier?q=" + Uri.EscapeDataString(invoice.Number));
        var extra = part is { } p
            ? new (string, string?)[] { ("PartPayment", "true"), ("PartAmount", p.ToString(CultureInfo.GetCultureInfo("ro"))), ("Tendered", p.ToString(CultureInfo.GetCultureInfo("ro"))) }
            : [("Tendered", invoice.Remaining.Amount.ToString("0.00", CultureInfo.GetCultureInfo("ro")))];
        var taken = await PortalFactory.PostFormAsync(cashier, "/staff/cashier?handler=Pay", PortalFactory.AntiforgeryToken(page),
            PayFields(page, customer.ClientCode, invoice.InvoiceId, [("Method", "Cash"), .. extra]));
        taken.StatusCode.ShouldBe(HttpStatusCode.Redirect, await taken.Content.ReadAsStringAsync());
        return taken.Headers.Location!.ToString();
    }

    private static decimal ChangeOn(string receipt) =>
        decimal.Parse(Regex.Match(receipt, "data-change=\"([0-9.]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

    private static (string Name, string? Value)[] PayFields(string page, string clientCode, Guid invoiceId, params (string Name, string? Value)[] fields) =>
    [
        ("IdempotencyKey", Regex.Match(page, "name=\"IdempotencyKey\" value=\"([0-9a-f]+)\"").Groups[1].Value),
        ("ClientCode", clientCode),
        ("InvoiceIds", invoiceId.ToString()),
        .. fields,
    ];

    /// <summary>A demo customer (not Alice or Bob) with an open invoice that no other test of the class uses.</summary>
    private Task<(CustomerSummary Customer, InvoiceSummary Invoice)> CustomerOwingAsync() => demo.AsSystemAsync(async m =>
    {
        var contracts = (await m.Send(new ListContracts(null, 1000))).Value.Select(c => c.CustomerId).Distinct()
            .Where(c => c != demo.Alice.Customer.CustomerId && c != demo.Bob.Customer.CustomerId).ToList();
        var open = (await m.Send(new GetOpenInvoices(contracts))).Value.Where(i => i.Remaining.Amount > 10m)
            .GroupBy(i => i.CustomerId).Select(g => g.OrderBy(i => i.DueDate).First()).OrderBy(i => i.Number, StringComparer.Ordinal).ToList();
        var invoice = open[Interlocked.Increment(ref _nextCustomer) % open.Count];
        var customer = (await m.Send(new FindCustomerByClientCode(invoice.ClientCode))).Value;
        _before[customer.CustomerId] = (await m.Send(new GetMyPayments(5000))).Value.Where(p => p.CustomerId == customer.CustomerId).Select(p => p.PaymentId).ToHashSet();
        return (customer, invoice);
    });

    private Task<List<PaymentSummary>> PaymentsOfAsync(Guid customerId) => demo.AsSystemAsync(async m =>
        (await m.Send(new GetMyPayments(5000))).Value.Where(p => p.CustomerId == customerId && !_before[customerId].Contains(p.PaymentId)).ToList());

    private Task<Balance> BalanceAsync(Guid customerId) => demo.AsSystemAsync(async m => (await m.Send(new GetBalance(customerId))).Value);

    private Task<InvoiceSummary> InvoiceAsync(Guid invoiceId) => demo.AsSystemAsync(async m => (await m.Send(new GetInvoicesByIds([invoiceId]))).Value.Single());
}

public sealed class SqliteCashierScreenTests(SqliteDemoPortal demo) : CashierScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresCashierScreenTests(PostgresDemoPortal demo) : CashierScreenTests(demo), IClassFixture<PostgresDemoPortal>;
