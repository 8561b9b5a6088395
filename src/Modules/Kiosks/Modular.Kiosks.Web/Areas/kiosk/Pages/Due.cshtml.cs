using Microsoft.AspNetCore.Http;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Localization;
using Modular.Core.Money;
using Modular.Kiosks.Contracts;
using Modular.Readings.Contracts;
using Modular.Web.Localization;

namespace Modular.Kiosks.Web.Kiosk.Pages;

/// <summary>
/// What is due: the customer's open invoices and their total, the customer shown by initials and locality only. The
/// customer pays the ticked invoices or an amount towards the balance (paid over it is credit), by card or in cash, within
/// the kiosk's limits per transaction. While the kiosk cannot take payments (the central database unreachable) it says so
/// and offers none.
/// </summary>
public sealed class DueModel(IMediator mediator, KioskPayments payments) : KioskPageModel
{
    public const string ModeInvoices = "invoices";
    public const string ModeAmount = "amount";

    [BindProperty]
    public List<Guid> InvoiceIds { get; set; } = [];

    [BindProperty]
    public string Mode { get; set; } = ModeInvoices;

    [BindProperty]
    public string? Amount { get; set; }

    public IReadOnlyList<InvoiceSummary> Open { get; private set; } = [];

    public Balance? Balance { get; private set; }

    public string? Initials { get; private set; }

    public string? Locality { get; private set; }

    public string? ClientCode { get; private set; }

    public bool CanPay { get; private set; }

    /// <summary>A self-read meter of the customer's has its window open: the screen offers the reading.</summary>
    public bool CanRead { get; private set; }

    /// <summary>The error's text (already localized) and the field it belongs to.</summary>
    public (string Field, string Message)? Error { get; private set; }

    public Money? Total => Open.Count == 0 ? null : new Money(Open.Sum(i => i.Remaining.Amount), Open[0].Remaining.Currency);

    public decimal MaxCard => payments.Limit(KioskMethod.Card);

    public decimal MaxCash => payments.Limit(KioskMethod.Cash);

    public Currency Currency => Balance?.Due.Currency ?? (Open.Count > 0 ? Open[0].Remaining.Currency : Currency.Of("RON"));

    public async Task<IActionResult> OnGetAsync()
    {
        if (CustomerSession is not { } session)
        {
            return ToStart();
        }

        // Back here from a payment screen: the payment not started is dropped (nothing was taken).
        if (session.Payment is not null && !await payments.CancelAsync(session, HttpContext.RequestAborted))
        {
            return Redirect("/kiosk/receipt");
        }

        await LoadAsync(session);
        InvoiceIds = Open.Select(i => i.InvoiceId).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(KioskMethod method)
    {
        if (CustomerSession is not { } session)
        {
            return ToStart();
        }

        await LoadAsync(session);
        var choice = Choose();
        if (choice is null)
        {
            return Page();
        }

        if (payments.Refusal(choice, method) is { } refusal)
        {
            Error = (Mode == ModeAmount ? nameof(Amount) : nameof(InvoiceIds),
                Text.Get(refusal, ("limit", Formats.Money(new Money(payments.Limit(method), Currency)))));
            return Page();
        }

        session.Choice = choice;
        return Redirect(method == KioskMethod.Card ? "/kiosk/card" : "/kiosk/cash");
    }

    /// <summary>The choice the form describes, checked against what is due now; null with the error set.</summary>
    private KioskChoice? Choose()
    {
        if (Mode == ModeAmount || Open.Count == 0)
        {
            if (!CultureFormats.TryParseAmount(Amount, Formats.Culture, 2, out var amount) || amount <= 0m)
            {
                Error = (nameof(Amount), Text["kiosk.due.amount_invalid"]);
                return null;
            }

            return new KioskChoice([], amount, Math.Max(0m, Balance?.Due.Amount ?? 0m), Currency.Code);
        }

        var ticked = Open.Where(i => InvoiceIds.Contains(i.InvoiceId)).ToList();
        if (ticked.Count == 0 || ticked.Count != InvoiceIds.Distinct().Count())
        {
            Error = (nameof(InvoiceIds), Text["kiosk.due.invoices_required"]);
            return null;
        }

        var total = ticked.Sum(i => i.Remaining.Amount);
        return new KioskChoice(ticked.Select(i => new KioskInvoiceLine(i.InvoiceId, i.Number, i.Remaining.Amount)).ToList(), total, total, Currency.Code);
    }

    private async Task LoadAsync(KioskSession session)
    {
        var ct = HttpContext.RequestAborted;
        var customerId = session.CustomerId!.Value;
        Initials = session.Initials;
        ClientCode = session.ClientCode;
        var open = await mediator.Send(new GetOpenInvoices([customerId]), ct);
        Open = open.IsSuccess ? open.Value.Where(i => i.CustomerId == customerId && i.Remaining.Amount > 0m).ToList() : [];
        var balance = await mediator.Send(new GetBalance(customerId), ct);
        Balance = balance.IsSuccess ? balance.Value : null;
        var contracts = await mediator.Send(new GetMyContracts(), ct);
        Locality = contracts.IsSuccess
            ? contracts.Value.Where(c => c.CustomerId == customerId).Select(c => KioskMasking.Locality(c.ServiceAddress)).FirstOrDefault(l => l is not null)
            : null;
        CanPay = Device.CanTakePayment;
        var meters = await mediator.Send(new GetMyMeters(), ct);
        CanRead = meters.IsSuccess && meters.Value.Any(m => m.RemovedOn is null && m.Window.CanSubmit);
    }
}
