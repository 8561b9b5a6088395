using Modular.Core.Events;
using NodaTime;

namespace Modular.Requests.Contracts;

/// <summary>A customer's request was registered (portal, API, kiosk, or staff on the customer's behalf).</summary>
public sealed record RequestSubmitted(
    Guid EventId,
    Instant OccurredAt,
    Guid RequestId,
    string Number,
    Guid CustomerId,
    string FormCode,
    string Department,
    string Channel,
    Instant DueAt) : IIntegrationEvent;

/// <summary>A request moved in its workflow (or was given to another staff member: <see cref="AssignedTo"/>).</summary>
public sealed record RequestStatusChanged(
    Guid EventId,
    Instant OccurredAt,
    Guid RequestId,
    string Number,
    Guid CustomerId,
    RequestStatus From,
    RequestStatus To,
    Guid? AssignedTo) : IIntegrationEvent;

/// <summary>A message the customer sees was posted on a request's thread (internal notes are not announced).</summary>
public sealed record RequestMessagePosted(
    Guid EventId,
    Instant OccurredAt,
    Guid RequestId,
    string Number,
    Guid CustomerId,
    Guid MessageId,
    bool FromStaff) : IIntegrationEvent;
