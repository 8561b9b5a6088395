using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Localization;
using Modular.Payments.Contracts;
using Modular.Web.Localization;
using Modular.Web.Pages;

namespace Modular.Payments.Web.Pages.Pay;

/// <summary>Choose open invoices (across the user's client codes) or an amount, then go to the gateway's page.</summary>
public sealed class IndexModel(IMediator mediator) : PortalPageModel
{
    [BindProperty]
    public List<Guid> InvoiceIds { get; set; } = [];

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public Guid? CustomerId { get; set; }

    /// <summary>Issued with the form: submitting it twice answers the same payment.</summary>
    [BindProperty]
    public string IdempotencyKey { get; set; } = string.Empty;

    public IReadOnlyList<InvoiceSummary> Open { get; private set; } = [];

    public IReadOnlyList<ContractSummary> Customers { get; private set; } = [];

    public async Task OnGetAsync(Guid? invoice)
    {
        IdempotencyKey = Guid.NewGuid().ToString("N");
        if (invoice is { } preselected)
        {
            InvoiceIds = [preselected];
        }

        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        decimal? amount = null;
        if (!string.IsNullOrWhiteSpace(Amount))
        {
            // Strictly in the page's language: "1,00" on the English page is neither 1 nor 100 for certain, so it is refused.
            await LoadAsync();
            var decimals = Open.Count > 0 ? Open[0].Remaining.Currency.MinorUnits : 2;
            if (!CultureFormats.TryParseAmount(Amount, Formats.Culture, decimals, out var parsed))
            {
                ModelState.AddModelError(nameof(Amount), Text["web.invalid_amount"]);
                return Page();
            }

            amount = parsed;
        }

        // Host-relative: the request's Host header is the client's to forge, so it never makes an address we hand on.
        var returnUrl = $"{Request.PathBase}/Pay/Result";
        var result = await mediator.Send(new CreatePayment(InvoiceIds, amount, IdempotencyKey, returnUrl,
            InvoiceIds.Count == 0 ? CustomerId : null), HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            AddErrors(result, nameof(InvoiceIds), nameof(Amount), nameof(CustomerId));
            await LoadAsync();
            return Page();
        }

        return Redirect(result.Value.RedirectUrl);
    }

    private bool _loaded;

    // Once per request: an amount needs the currency before the payment is created, a refusal shows the same lists again.
    private async Task LoadAsync()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        var contracts = await mediator.Send(new GetMyContracts(), HttpContext.RequestAborted);
        Customers = contracts.IsSuccess ? contracts.Value.GroupBy(c => c.CustomerId).Select(g => g.First()).ToList() : [];
        if (Customers.Count > 0)
        {
            var open = await mediator.Send(new GetOpenInvoices(Customers.Select(c => c.CustomerId).ToList()), HttpContext.RequestAborted);
            Open = open.IsSuccess ? open.Value : [];
        }
    }
}
