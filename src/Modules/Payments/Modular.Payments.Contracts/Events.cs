using Modular.Core.Events;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Payments.Contracts;

public enum PaymentChannel
{
    Online,
    Cash,
    CardAtCentre,
    Kiosk,
    Partner,
    BankTransfer,
}

/// <summary>
/// Money was received for a customer. Billing allocates it to <see cref="InvoiceIds"/> in that order when given,
/// else to the oldest due invoices; what is left becomes credit. Billing de-duplicates on <see cref="PaymentId"/>.
/// </summary>
public sealed record PaymentSettled(
    Guid EventId,
    Instant OccurredAt,
    Guid PaymentId,
    Guid CustomerId,
    Money Amount,
    IReadOnlyList<Guid> InvoiceIds,
    PaymentChannel Channel,
    string Reference,
    LocalDate ValueDate) : IIntegrationEvent;

/// <summary>A settled payment was refunded or reversed (wholly or in part); billing undoes the allocation.</summary>
public sealed record PaymentReversed(Guid EventId, Instant OccurredAt, Guid PaymentId, Guid CustomerId, Money Amount, string Reason) : IIntegrationEvent;
