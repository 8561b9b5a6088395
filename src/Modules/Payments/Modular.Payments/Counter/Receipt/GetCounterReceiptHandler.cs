using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.Receipt;

/// <summary>A counter payment for the cashier's receipt page: the change given, the POS reference, whether it may still be cancelled.</summary>
internal sealed class GetCounterReceiptHandler(PaymentsDbContext db, IAccessScope access, UtilityClock clock)
    : IRequestHandler<GetCounterReceipt, Result<CounterReceiptView>>
{
    public async Task<Result<CounterReceiptView>> Handle(GetCounterReceipt request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        if (payment is null || !Cancellations.IsCounterPayment(payment) || payment.ReceiptNumber is null
            || !(await access.GetAsync(cancellationToken)).CanSeeCustomer(payment.CustomerId))
        {
            return Result<CounterReceiptView>.Failure(PaymentsErrors.PaymentNotFound);
        }

        var cancellation = await Cancellations.CurrentAsync(db, payment.Id, cancellationToken);
        var date = clock.DateOf(payment.CreatedAt);
        var cancellable = (cancellation is null || cancellation.Status == CounterCancellationStatus.Refused) && payment.Status == PaymentStatus.Settled && date == clock.Today
            && !(Cancellations.TakenBy(payment) is { } cashier
                && await CashierDays.FindAsync(db, cashier, payment.Centre!, payment.Terminal!, date, cancellationToken) is { IsClosed: true });
        return new CounterReceiptView(payment.Id, payment.ReceiptNumber, payment.CustomerId, payment.InvoiceIdList, payment.Channel, payment.Status,
            payment.Total, payment.Tendered is { } t ? new Money(t, payment.Currency) : null,
            payment.Tendered is { } cash ? new Money(cash - payment.Amount, payment.Currency) : null, payment.CardReference,
            payment.Centre!, payment.Terminal!, Cancellations.TakenBy(payment), payment.CreatedAt, cancellable,
            cancellation is null ? null : Cancellations.View(cancellation, payment));
    }
}
