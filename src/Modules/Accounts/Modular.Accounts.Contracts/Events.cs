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
