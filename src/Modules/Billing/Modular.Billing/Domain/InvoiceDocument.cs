using NodaTime;

namespace Modular.Billing.Domain;

/// <summary>An issued invoice's PDF in one language, rendered once and served as stored from then on (the invoice never changes).</summary>
internal sealed class InvoiceDocument
{
    public Guid InvoiceId { get; set; }

    public string Culture { get; set; } = string.Empty;

    public byte[] Content { get; set; } = [];

    public Instant RenderedAt { get; set; }
}
