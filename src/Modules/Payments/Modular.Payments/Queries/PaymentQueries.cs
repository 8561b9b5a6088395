using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Queries;

/// <summary>Reads filtered by the caller's scope: a payment is visible to whoever may see its customer or created it.</summary>
internal sealed class PaymentQueryHandlers(PaymentsDbContext db, IAccessScope access, ICurrentUser user) :
    IRequestHandler<GetPayment, Result<PaymentDetails>>,
    IRequestHandler<GetPaymentStatus, Result<PaymentStatus>>,
    IRequestHandler<GetMyPayments, Result<IReadOnlyList<PaymentSummary>>>
{
    public async Task<Result<PaymentDetails>> Handle(GetPayment request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().Include(p => p.History).SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        if (payment is null || !await CanSeeAsync(payment, cancellationToken))
        {
            return Result<PaymentDetails>.Failure(PaymentErrors.PaymentNotFound);
        }

        var history = payment.History.OrderBy(h => h.At).ThenBy(h => h.Kind == "created" ? 0 : 1)
            .Select(h => new PaymentHistoryEntry(h.At, h.Kind, h.Amount is { } a ? new Money(a, payment.Currency) : null, h.Detail)).ToList();
        return new PaymentDetails(Summary(payment), payment.InvoiceIdList, new Money(payment.Refunded, payment.Currency),
            payment.Centre, payment.Terminal, payment.Operator, payment.Source, history);
    }

    public async Task<Result<PaymentStatus>> Handle(GetPaymentStatus request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        return payment is null || !await CanSeeAsync(payment, cancellationToken)
            ? Result<PaymentStatus>.Failure(PaymentErrors.PaymentNotFound)
            : payment.Status;
    }

    public async Task<Result<IReadOnlyList<PaymentSummary>>> Handle(GetMyPayments request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var customers = scope.CustomerIds.ToList();
        var userId = user.UserId;
        var query = db.Payments.AsNoTracking();
        if (!scope.All)
        {
            query = query.Where(p => customers.Contains(p.CustomerId) || (userId != null && p.CreatedBy == userId));
        }

        // Instants are stored as sortable UTC text on SQLite and timestamptz on PostgreSQL, so ordering in SQL is sound.
        var rows = await query.OrderByDescending(p => p.CreatedAt).Take(Math.Clamp(request.Take, 1, 500)).ToListAsync(cancellationToken);
        return rows.Select(Summary).ToList();
    }

    private async Task<bool> CanSeeAsync(Payment payment, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        return scope.CanSeeCustomer(payment.CustomerId) || (user.UserId is { } id && payment.CreatedBy == id);
    }

    internal static PaymentSummary Summary(Payment p) =>
        new(p.Id, p.Reference, p.CustomerId, p.Total, p.Channel, p.Status, p.CreatedAt, p.ValueDate, p.ReceiptNumber);
}
