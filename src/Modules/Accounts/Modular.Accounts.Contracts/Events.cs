using Modular.Core.Events;
using NodaTime;

namespace Modular.Accounts.Contracts;

public sealed record UserRegistered(Guid EventId, Instant OccurredAt, Guid UserId, Guid CustomerId) : IIntegrationEvent;

public sealed record UserConfirmed(Guid EventId, Instant OccurredAt, Guid UserId) : IIntegrationEvent;

public sealed record ClientCodeLinked(Guid EventId, Instant OccurredAt, Guid UserId, Guid CustomerId) : IIntegrationEvent;

public sealed record ClientCodeUnlinked(Guid EventId, Instant OccurredAt, Guid UserId, Guid CustomerId) : IIntegrationEvent;

/// <summary>The user opted in to (or out of) the invoice by email, having accepted <paramref name="ConditionsVersion"/>.</summary>
public sealed record PaperlessChanged(Guid EventId, Instant OccurredAt, Guid UserId, bool OptedIn, string? ConditionsVersion) : IIntegrationEvent;

public sealed record ContactDataChanged(Guid EventId, Instant OccurredAt, Guid UserId, string Email, string? Phone, string Culture) : IIntegrationEvent;

/// <summary>
/// A contract was created or its start or end date changed (the directory import). Modules that must not act outside a
/// contract's dates (Readings: no readings after its end) keep a copy; apply only an event newer than the one applied last.
/// </summary>
public sealed record ContractTermsChanged(Guid EventId, Instant OccurredAt, Guid ContractId, LocalDate StartDate, LocalDate? EndDate) : IIntegrationEvent;
