using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Printing;
using Modular.Core.Results;
using Modular.Core.Templates;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Receipts;

/// <summary>
/// Prints a desk's or kiosk's receipt on that device's printer, worded by the <c>receipt.txt</c> template in the asked
/// language. Printing changes nothing stored, so asking again prints again.
/// </summary>
internal sealed class PrintReceiptHandler(PaymentsDbContext db, IAccessScope access, UtilityClock clock, ITemplateRenderer templates, IMediator mediator,
    IReceiptPrinter printer) : IRequestHandler<PrintReceipt, Result<ReceiptPrinted>>
{
    public async Task<Result<ReceiptPrinted>> Handle(PrintReceipt request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        if (payment is null || !(await access.GetAsync(cancellationToken)).CanSeeCustomer(payment.CustomerId))
        {
            return Result<ReceiptPrinted>.Failure(PaymentsErrors.PaymentNotFound);
        }

        if (payment.Centre is not { } centre || payment.Terminal is not { } terminal || payment.ReceiptNumber is not { } number)
        {
            return Error.Of(PaymentsErrors.NoReceiptPrinter, nameof(request.PaymentId));
        }

        var model = await ReceiptModel.ForAsync(payment, mediator, clock, cancellationToken);
        if (model.IsFailure)
        {
            return Result<ReceiptPrinted>.From(model);
        }

        var text = await templates.RenderAsync("Payments", "receipt.txt", model.Value, request.Culture, cancellationToken);
        var device = $"{centre}-{terminal}";
        var outcome = await printer.PrintAsync(device, number, PrintedReceipt.Parse(text), cancellationToken);
        return outcome.Printed
            ? new ReceiptPrinted(device, number)
            : Error.Of(PaymentsErrors.PrinterFailed, null, ("device", device), ("problem", outcome.Problem ?? string.Empty));
    }
}
