using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Queries;

/// <summary>A payment's status, for whoever may see its customer or created it.</summary>
internal sealed class GetPaymentStatusHandler(PaymentsDbContext db, IAccessScope access, ICurrentUser user) :
    IRequestHandler<GetPaymentStatus, Result<PaymentStatus>>
{
    public async Task<Result<PaymentStatus>> Handle(GetPaymentStatus request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        return payment is null || !await PaymentVisibility.CanSeeAsync(payment, access, user, cancellationToken)
            ? Result<PaymentStatus>.Failure(PaymentsErrors.PaymentNotFound)
            : payment.Status;
    }
}
