using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Queries;

/// <summary>One payment with its history, for whoever may see its customer or created it.</summary>
internal sealed class GetPaymentHandler(PaymentsDbContext db, IAccessScope access, ICurrentUser user) :
    IRequestHandler<GetPayment, Result<PaymentDetails>>
{
    public async Task<Result<PaymentDetails>> Handle(GetPayment request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().Include(p => p.History).SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        if (payment is null || !await PaymentVisibility.CanSeeAsync(payment, access, user, cancellationToken))
        {
            return Result<PaymentDetails>.Failure(PaymentsErrors.PaymentNotFound);
        }

        var history = payment.History.OrderBy(h => h.At).ThenBy(h => h.Kind == "created" ? 0 : 1)
            .Select(h => new PaymentHistoryEntry(h.At, h.Kind, h.Amount is { } a ? new Money(a, payment.Currency) : null, h.Detail)).ToList();
        return new PaymentDetails(PaymentVisibility.Summary(payment), payment.InvoiceIdList, new Money(payment.Refunded, payment.Currency),
            payment.Centre, payment.Terminal, payment.Operator, payment.Source, history);
    }
}
