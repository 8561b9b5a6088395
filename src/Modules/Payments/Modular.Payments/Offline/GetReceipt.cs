using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Documents;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Templates;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Online;
using Modular.Payments.Persistence;

namespace Modular.Payments.Offline;

/// <summary>The receipt of a counter or kiosk payment (HTML or PDF), for whoever may see its customer.</summary>
internal sealed class GetReceiptHandler(PaymentsDbContext db, IAccessScope access, UtilityClock clock, ITemplateRenderer templates, IPdfRenderer pdf,
    IMediator mediator) :
    IRequestHandler<GetReceipt, Result<ReceiptDocument>>
{
    public async Task<Result<ReceiptDocument>> Handle(GetReceipt request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        if (payment is null || payment.Status == PaymentStatus.Pending || payment.Status == PaymentStatus.Declined
            || !(await access.GetAsync(cancellationToken)).CanSeeCustomer(payment.CustomerId))
        {
            return Result<ReceiptDocument>.Failure(PaymentsErrors.PaymentNotFound);
        }

        // The receipt names who received the money; Billing holds the utility's issuer data for every document.
        var issuer = await mediator.Send(new GetIssuer(), cancellationToken);
        if (issuer.IsFailure)
        {
            return Result<ReceiptDocument>.From(issuer);
        }

        var model = new
        {
            Issuer = issuer.Value,
            payment.ReceiptNumber,
            payment.Reference,
            Amount = payment.Total,
            Channel = payment.Channel.ToString(),
            payment.Centre,
            payment.Terminal,
            payment.Operator,
            ValueDate = payment.ValueDate ?? clock.DateOf(payment.CreatedAt),
            payment.CreatedAt,
        };
        var html = await templates.RenderAsync("Payments", "receipt.html", model, request.Culture, cancellationToken);
        var name = payment.ReceiptNumber ?? payment.Reference;
        if (request.Format == ReceiptFormat.Html)
        {
            return new ReceiptDocument("text/html; charset=utf-8", name + ".html", Encoding.UTF8.GetBytes(html));
        }

        if (!pdf.IsAvailable)
        {
            return Error.Of(PaymentsErrors.PdfUnavailable, null, ("reason", pdf.UnavailableReason));
        }

        return new ReceiptDocument("application/pdf", name + ".pdf", await pdf.RenderAsync(html, cancellationToken));
    }
}
