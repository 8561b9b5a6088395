using Modular.Core.Events;
using NodaTime;

namespace Modular.Readings.Contracts;

public sealed record ReadingAccepted(
    Guid EventId,
    Instant OccurredAt,
    Guid ReadingId,
    Guid MeterId,
    Guid ContractId,
    decimal Index,
    LocalDate ReadingDate,
    decimal Consumption,
    string Source) : IIntegrationEvent;

/// <summary>The self-reading window of a period opened (reminders go out on it).</summary>
public sealed record ReadingWindowOpened(Guid EventId, Instant OccurredAt, YearMonth Period, LocalDate OpensOn, LocalDate ClosesOn) : IIntegrationEvent;
