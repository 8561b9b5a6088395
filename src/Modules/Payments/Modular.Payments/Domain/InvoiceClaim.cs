using NodaTime;

namespace Modular.Payments.Domain;

/// <summary>
/// A pending online payment's hold on one invoice. The invoice id is the key, so on every instance a second online payment of
/// the invoice fails to insert its claim while the first is pending: the customer cannot be charged twice by two tabs, two
/// devices or a double click. Released when the payment settles or is declined; after <see cref="ExpiresAt"/> (an abandoned
/// gateway page) a new payment may take the invoice over.
/// </summary>
internal sealed class InvoiceClaim
{
    public Guid InvoiceId { get; set; }

    public Guid PaymentId { get; set; }

    public Instant ClaimedAt { get; set; }

    public Instant ExpiresAt { get; set; }
}
