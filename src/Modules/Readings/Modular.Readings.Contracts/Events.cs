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

/// <summary>
/// What Readings made of a field reading another module passed it (an inspection act's reading): stored (or already there,
/// <paramref name="ReadingId"/> set) or refused under Readings' rules (<paramref name="RefusalCode"/> set). <paramref name="Reference"/>
/// is the sender's (<c>act:{actId}</c>).
/// </summary>
public sealed record FieldReadingDecided(
    Guid EventId,
    Instant OccurredAt,
    string Reference,
    string Serial,
    LocalDate ReadingDate,
    decimal Index,
    Guid? ReadingId,
    string? RefusalCode) : IIntegrationEvent;
