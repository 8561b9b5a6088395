using MediatR;
using Modular.Billing.Contracts;
using Modular.Payments.Contracts;
using Modular.Web.Pages;

namespace Modular.Payments.Web.Pages.Pay;

/// <summary>Back from the gateway: shows what the gateway's callback decided (never what the browser's URL says).</summary>
public sealed class ResultModel(IMediator mediator) : PortalPageModel
{
    public PaymentDetails? Payment { get; private set; }

    public IReadOnlyList<InvoiceSummary> Invoices { get; private set; } = [];

    /// <summary>Settled, but Billing has not allocated it yet: the invoices' statuses are from before the payment.</summary>
    public bool BeingRecorded { get; private set; }

    public async Task OnGetAsync(Guid? payment)
    {
        if (payment is not { } id)
        {
            return;
        }

        var found = await mediator.Send(new GetPayment(id), HttpContext.RequestAborted);
        if (found.IsFailure)
        {
            return;
        }

        Payment = found.Value;
        if (Payment.Payment.Status == PaymentStatus.Settled)
        {
            var recorded = await mediator.Send(new IsPaymentRecorded(id, Payment.Payment.CustomerId), HttpContext.RequestAborted);
            BeingRecorded = recorded.IsSuccess && !recorded.Value;
        }

        if (Payment.InvoiceIds.Count > 0)
        {
            var invoices = await mediator.Send(new GetInvoicesByIds(Payment.InvoiceIds), HttpContext.RequestAborted);
            Invoices = invoices.IsSuccess ? invoices.Value : [];
        }
    }
}
