using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Backoffice.Web;
using Modular.Billing.Contracts;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Web.Hooks;
using Modular.Web.Localization;

namespace Modular.Payments.Web.Staff.Cashier;

/// <summary>
/// The collection centre's desk: the cashier chooses their desk once per session, then finds the customer by scanning the
/// invoice's code (the scanner types its text and Enter) or typing an invoice number or client code, sees what is due,
/// ticks invoices and takes cash (the change is computed here) or a card on the centre's POS terminal (its transaction
/// reference). The form carries a key of its own: a double click or a reload answers the same receipt.
/// </summary>
[RequiresPermission(PaymentsPermissions.Counter)]
public sealed class IndexModel(IMediator mediator) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public string? ClientCode { get; set; }

    [BindProperty]
    public List<Guid> InvoiceIds { get; set; } = [];

    [BindProperty]
    public CounterMethod Method { get; set; } = CounterMethod.Cash;

    [BindProperty]
    public string? Tendered { get; set; }

    [BindProperty]
    public string? CardReference { get; set; }

    [BindProperty]
    public bool PartPayment { get; set; }

    [BindProperty]
    public string? PartAmount { get; set; }

    /// <summary>Money towards the balance rather than ticked invoices: Billing pays the oldest due first, the rest is credit.</summary>
    [BindProperty]
    public bool TowardsBalance { get; set; }

    [BindProperty]
    public string? BalanceAmount { get; set; }

    [BindProperty]
    public string IdempotencyKey { get; set; } = string.Empty;

    public CashierDeskState Desk { get; private set; } = new([], null);

    public CustomerOverview? Customer { get; private set; }

    public IReadOnlyList<InvoiceSummary> Open { get; private set; } = [];

    public Balance? Balance { get; private set; }

    /// <summary>Whether the page came from a search that found nobody.</summary>
    public bool NobodyFound { get; private set; }

    public Money? TotalDue => Open.Count == 0 ? null : new Money(Open.Sum(i => i.Remaining.Amount), Open[0].Remaining.Currency);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadDeskAsync())
        {
            return Page();
        }

        IdempotencyKey = Guid.NewGuid().ToString("N");
        if (string.IsNullOrWhiteSpace(Q))
        {
            return Page();
        }

        var customerId = await FindAsync(Q.Trim());
        if (customerId is null)
        {
            NobodyFound = true;
            return Page();
        }

        await LoadCustomerAsync(customerId.Value);
        InvoiceIds = Open.Select(i => i.InvoiceId).ToList();
        return Page();
    }

    /// <param name="desk">The chooser's value: centre code and desk, as "CENTRAL|G1".</param>
    public async Task<IActionResult> OnPostDeskAsync(string? desk)
    {
        var parts = (desk ?? string.Empty).Split('|', 2);
        var chosen = await mediator.Send(new ChooseCashierDesk(parts[0], parts.Length > 1 ? parts[1] : string.Empty), HttpContext.RequestAborted);
        if (chosen.IsFailure)
        {
            AddErrors(chosen, "Desk");
            await LoadDeskAsync();
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPayAsync()
    {
        if (!await LoadDeskAsync() || Desk.Chosen is not { } desk)
        {
            return Page();
        }

        // The same form again (a double click, a reload): its payment's receipt, whatever is due by now.
        if (!string.IsNullOrEmpty(IdempotencyKey)
            && await mediator.Send(new FindCounterPayment(desk.Centre, desk.Desk, IdempotencyKey), HttpContext.RequestAborted) is { IsSuccess: true } earlier)
        {
            return Redirect($"/staff/cashier/receipt/{earlier.Value.PaymentId}");
        }

        var customer = string.IsNullOrWhiteSpace(ClientCode) ? null : await mediator.Send(new FindCustomerByClientCode(ClientCode.Trim()), HttpContext.RequestAborted);
        if (customer is null || customer.IsFailure)
        {
            ModelState.AddModelError(string.Empty, Text["staff.cashier.customer_not_found"]);
            return Page();
        }

        await LoadCustomerAsync(customer.Value.CustomerId);
        Q = customer.Value.ClientCode;
        if (string.IsNullOrEmpty(IdempotencyKey))
        {
            IdempotencyKey = Guid.NewGuid().ToString("N");
        }

        // An advance or money towards the balance: no invoice ticked, an amount typed (a customer with nothing due has only this).
        var towardsBalance = TowardsBalance || Open.Count == 0;
        if (towardsBalance && InvoiceIds.Count > 0 && Open.Count > 0)
        {
            ModelState.AddModelError(nameof(InvoiceIds), Text["staff.cashier.balance_or_invoices"]);
            return Page();
        }

        // What is due is the server's: the ticked invoices' remaining amounts now, not what the page showed.
        var ticked = Open.Where(i => InvoiceIds.Contains(i.InvoiceId)).ToList();
        if (!towardsBalance && (ticked.Count == 0 || ticked.Count != InvoiceIds.Distinct().Count()))
        {
            ModelState.AddModelError(nameof(InvoiceIds), Text["staff.cashier.invoices_required"]);
            return Page();
        }

        Currency currency;
        decimal amount;
        if (towardsBalance)
        {
            if (!CashierInput.TryAmount(BalanceAmount, out var typed) || typed <= 0m)
            {
                ModelState.AddModelError(nameof(BalanceAmount), Text["web.invalid_amount"]);
                return Page();
            }

            if (Balance is null)
            {
                ModelState.AddModelError(string.Empty, Text["staff.cashier.customer_not_found"]);
                return Page();
            }

            currency = Balance.Due.Currency;
            amount = typed;
        }
        else
        {
            currency = ticked[0].Remaining.Currency;
            amount = ticked.Sum(i => i.Remaining.Amount);
        }

        if (PartPayment && !towardsBalance)
        {
            if (!CashierInput.TryAmount(PartAmount, out var part) || part <= 0m)
            {
                ModelState.AddModelError(nameof(PartAmount), Text["web.invalid_amount"]);
                return Page();
            }

            if (part > amount)
            {
                ModelState.AddModelError(nameof(PartAmount), Text.Get("staff.cashier.partial_too_large", ("due", Formats.Money(new Money(amount, currency)))));
                return Page();
            }

            amount = part;
        }

        decimal? tendered = null;
        if (Method == CounterMethod.Cash)
        {
            if (!CashierInput.TryAmount(Tendered, out var cash) || cash <= 0m)
            {
                ModelState.AddModelError(nameof(Tendered), Text["web.invalid_amount"]);
                return Page();
            }

            tendered = cash;
        }

        var paid = await mediator.Send(new RecordCounterPayment(customer.Value.ClientCode, ticked.Select(i => i.InvoiceId).ToList(), amount, currency.Code,
            Method, desk.Centre, desk.Desk, IdempotencyKey, tendered, Method == CounterMethod.Card ? CardReference : null), HttpContext.RequestAborted);
        if (paid.IsFailure)
        {
            AddErrors(paid, nameof(Tendered), nameof(CardReference), nameof(InvoiceIds));
            return Page();
        }

        return Redirect($"/staff/cashier/receipt/{paid.Value.PaymentId}");
    }

    /// <summary>The desk state; false (with the chooser shown) while no desk is chosen.</summary>
    private async Task<bool> LoadDeskAsync()
    {
        var desk = await mediator.Send(new GetCashierDesk(), HttpContext.RequestAborted);
        if (desk.IsFailure)
        {
            AddErrors(desk);
            return false;
        }

        Desk = desk.Value;
        return Desk.Chosen is not null;
    }

    /// <summary>A scanned invoice code, an invoice number or a client code: the customer it names.</summary>
    private async Task<Guid?> FindAsync(string text)
    {
        if (text.Length > 200)
        {
            return null;
        }

        var number = CashierInput.InvoiceNumberInCode(text) ?? (text.Length is >= 3 and <= 50 ? text : null);
        if (number is not null)
        {
            var invoice = await mediator.Send(new FindInvoiceByNumber(number), HttpContext.RequestAborted);
            if (invoice.IsSuccess)
            {
                return invoice.Value.CustomerId;
            }
        }

        var code = CashierInput.ClientCodeInCode(text) ?? (text.Length <= 50 ? text : null);
        if (code is not null)
        {
            var customer = await mediator.Send(new FindCustomerByClientCode(code), HttpContext.RequestAborted);
            if (customer.IsSuccess)
            {
                return customer.Value.CustomerId;
            }
        }

        return null;
    }

    private async Task LoadCustomerAsync(Guid customerId)
    {
        var overview = await mediator.Send(new GetCustomerOverview(customerId), HttpContext.RequestAborted);
        Customer = overview.IsSuccess ? overview.Value : null;
        var open = await mediator.Send(new GetOpenInvoices([customerId]), HttpContext.RequestAborted);
        Open = open.IsSuccess ? open.Value.Where(i => i.CustomerId == customerId && i.Remaining.Amount > 0m).ToList() : [];
        var balance = await mediator.Send(new GetBalance(customerId), HttpContext.RequestAborted);
        Balance = balance.IsSuccess ? balance.Value : null;
    }

    public string Address(PostalAddress address) => string.Join(", ", new[] { address.Street, address.City }.Where(p => !string.IsNullOrWhiteSpace(p)));
}
