using Microsoft.EntityFrameworkCore;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter;

/// <summary>What the cancellation handlers share: which payments a cashier may cancel, and the view of a request.</summary>
internal static class Cancellations
{
    public static bool IsCounterPayment(Payment payment) =>
        payment.Channel is PaymentChannel.Cash or PaymentChannel.CardAtCentre && payment.Centre is not null && payment.Terminal is not null;

    /// <summary>The staff member who took a counter payment, from its operator ("staff:{id}").</summary>
    public static Guid? TakenBy(Payment payment) => payment.Operator is { } name ? CashierDays.StaffOf(name) : null;

    /// <summary>
    /// The payment's cancellation request that counts: the pending or approved one; else the latest refused one (a refusal
    /// leaves the payment standing, and the cashier may ask again).
    /// </summary>
    public static async Task<CounterCancellation?> CurrentAsync(PaymentsDbContext db, Guid paymentId, CancellationToken cancellationToken)
    {
        var requests = await db.CounterCancellations.AsNoTracking().Where(c => c.PaymentId == paymentId).ToListAsync(cancellationToken);
        return Current(requests);
    }

    public static CounterCancellation? Current(IEnumerable<CounterCancellation> requests)
    {
        var all = requests.ToList();
        return all.SingleOrDefault(c => c.Status != CounterCancellationStatus.Refused) ?? all.MaxBy(c => c.RequestedAt);
    }

    public static CounterCancellationView View(CounterCancellation cancellation, Payment payment) => new(
        cancellation.Id, payment.Id, payment.ReceiptNumber ?? payment.Reference, new Money(payment.Amount, payment.Currency), payment.Channel,
        payment.Centre ?? string.Empty, payment.Terminal ?? string.Empty, cancellation.RequestedBy, cancellation.Reason, cancellation.RequestedAt,
        cancellation.Status, cancellation.DecidedBy, cancellation.DecidedAt);
}
