using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Queries;

/// <summary>Reads are filtered by the caller's scope: a payment is visible to whoever may see its customer or created it.</summary>
internal static class PaymentVisibility
{
    public static async Task<bool> CanSeeAsync(Payment payment, IAccessScope access, ICurrentUser user, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        return scope.CanSeeCustomer(payment.CustomerId) || (user.UserId is { } id && payment.CreatedBy == id);
    }

    public static PaymentSummary Summary(Payment p) =>
        new(p.Id, p.Reference, p.CustomerId, p.Total, p.Channel, p.Status, p.CreatedAt, p.ValueDate, p.ReceiptNumber);
}
