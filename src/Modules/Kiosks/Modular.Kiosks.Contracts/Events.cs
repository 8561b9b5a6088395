using Modular.Core.Events;
using NodaTime;

namespace Modular.Kiosks.Contracts;

/// <summary>A kiosk was registered at a collection centre.</summary>
public sealed record KioskRegistered(Guid EventId, Instant OccurredAt, Guid KioskId, string Code, string Centre, string Name) : IIntegrationEvent;

/// <summary>A kiosk's day was closed (its cash box emptied): the day's totals for the back office.</summary>
public sealed record KioskDayClosed(
    Guid EventId,
    Instant OccurredAt,
    Guid KioskId,
    string Code,
    string Centre,
    LocalDate Day,
    int Receipts,
    IReadOnlyList<KioskMethodTotal> Totals,
    decimal CashInBox,
    string Currency) : IIntegrationEvent;
