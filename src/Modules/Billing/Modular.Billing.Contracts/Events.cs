using Modular.Core.Events;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Billing.Contracts;

public sealed record InvoiceIssued(Guid EventId, Instant OccurredAt, Guid InvoiceId, string Number, Guid CustomerId, Guid ContractId,
    Money Total, LocalDate DueDate, bool Estimated) : IIntegrationEvent;

public sealed record InvoicePaid(Guid EventId, Instant OccurredAt, Guid InvoiceId, string Number, Guid CustomerId) : IIntegrationEvent;

public sealed record InvoiceOverdue(Guid EventId, Instant OccurredAt, Guid InvoiceId, string Number, Guid CustomerId, Money Remaining) : IIntegrationEvent;
