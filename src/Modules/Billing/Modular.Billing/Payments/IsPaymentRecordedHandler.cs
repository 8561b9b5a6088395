using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Billing.Payments;

internal sealed class IsPaymentRecordedHandler(BillingDbContext db, IAccessScope access) : IRequestHandler<IsPaymentRecorded, Result<bool>>
{
    public async Task<Result<bool>> Handle(IsPaymentRecorded request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (!scope.CanSeeCustomer(request.CustomerId))
        {
            return Result<bool>.Failure(CoreErrors.Forbidden);
        }

        return await db.Payments.AsNoTracking().AnyAsync(p => p.PaymentId == request.PaymentId && p.CustomerId == request.CustomerId, cancellationToken);
    }
}
