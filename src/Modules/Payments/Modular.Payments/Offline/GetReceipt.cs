using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Documents;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Printing;
using Modular.Core.Results;
using Modular.Core.Templates;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Online;
using Modular.Payments.Persistence;
using Modular.Payments.Receipts;

namespace Modular.Payments.Offline;

/// <summary>The receipt of a counter or kiosk payment (HTML, PDF or printer bytes), for whoever may see its customer.</summary>
internal sealed class GetReceiptHandler(PaymentsDbContext db, IAccessScope access, UtilityClock clock, ITemplateRenderer templates, IPdfRenderer pdf,
    IMediator mediator, IOptions<PrintingOptions> printing) :
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

        var model = await ReceiptModel.ForAsync(payment, mediator, clock, cancellationToken);
        if (model.IsFailure)
        {
            return Result<ReceiptDocument>.From(model);
        }

        var name = payment.ReceiptNumber ?? payment.Reference;
        if (request.Format == ReceiptFormat.EscPos)
        {
            var text = await templates.RenderAsync("Payments", "receipt.txt", model.Value, request.Culture, cancellationToken);
            var printed = new EscPosWriter(printing.Value.ProfileOrDefault).Write(PrintedReceipt.Parse(text));
            return new ReceiptDocument("application/octet-stream", name + ".bin", printed.Bytes);
        }

        var html = await templates.RenderAsync("Payments", "receipt.html", model.Value, request.Culture, cancellationToken);
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
