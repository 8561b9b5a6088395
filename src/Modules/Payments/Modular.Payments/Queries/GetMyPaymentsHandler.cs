using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Queries;

/// <summary>The payments of the caller's customers and those the caller created, newest first.</summary>
internal sealed class GetMyPaymentsHandler(PaymentsDbContext db, IAccessScope access, ICurrentUser user) :
    IRequestHandler<GetMyPayments, Result<IReadOnlyList<PaymentSummary>>>
{
    public async Task<Result<IReadOnlyList<PaymentSummary>>> Handle(GetMyPayments request, CancellationToken cancellationToken) =>
        Result.Success(await MyPayments.LoadAsync(db, access, user, request.Take, cancellationToken));
}
