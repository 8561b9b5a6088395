using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;

namespace Modular.Payments.Counter;

/// <summary>What the cancellation handlers share: which payments a cashier may cancel, and the view of a request.</summary>
internal static class Cancellations
{
    public static bool IsCounterPayment(Payment payment) =>
        payment.Channel is PaymentChannel.Cash or PaymentChannel.CardAtCentre && payment.Centre is not null && payment.Terminal is not null;

    /// <summary>The staff member who took a counter payment, from its operator ("staff:{id}").</summary>
    public static Guid? TakenBy(Payment payment) =>
        payment.Operator is { } name && name.StartsWith("staff:", StringComparison.Ordinal) && Guid.TryParse(name.AsSpan(6), out var id) ? id : null;

    public static CounterCancellationView View(CounterCancellation cancellation, Payment payment) => new(
        cancellation.Id, payment.Id, payment.ReceiptNumber ?? payment.Reference, new Money(payment.Amount, payment.Currency), payment.Channel,
        payment.Centre ?? string.Empty, payment.Terminal ?? string.Empty, cancellation.RequestedBy, cancellation.Reason, cancellation.RequestedAt,
        cancellation.Status, cancellation.DecidedBy, cancellation.DecidedAt);
}
