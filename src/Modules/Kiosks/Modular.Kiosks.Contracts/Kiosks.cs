using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Kiosks.Contracts;

/// <summary>How the customer paid at a kiosk.</summary>
public enum KioskMethod
{
    /// <summary>Notes in the kiosk's cash acceptor (no change is given: any excess becomes the customer's credit).</summary>
    Cash,

    /// <summary>A card on the kiosk's POS terminal: no card data reaches us, only the terminal's authorization code.</summary>
    Card,
}

/// <summary><paramref name="Count"/> notes of <paramref name="Denomination"/> (in the transaction's currency).</summary>
public sealed record NoteCount(decimal Denomination, int Count);

/// <summary>
/// Registers a kiosk at a collection centre. <paramref name="Code"/> (e.g. <c>CC1-K1</c>) is unique and is the kiosk's
/// terminal on the payments it takes; <paramref name="Centre"/> is the collection centre. The answer carries the device
/// key, shown this once: only its hash is stored.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = KiosksPermissions.Manage)]
public sealed record RegisterKiosk(string Code, string Centre, string Name) : ICommand<KioskDeviceKey>;

/// <summary>A kiosk's new device key (its configuration <c>Modular:Kiosk:DeviceKey</c>), shown once.</summary>
public sealed record KioskDeviceKey(Guid KioskId, string Code, string DeviceKey);

/// <summary>Issues a new device key for a kiosk; the old one stops working at once.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = KiosksPermissions.Manage)]
public sealed record IssueKioskKey(Guid KioskId) : ICommand<KioskDeviceKey>;

/// <summary>Retires a kiosk: its key stops working and it takes no more transactions; its days and reports stay.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = KiosksPermissions.Manage)]
public sealed record RetireKiosk(Guid KioskId) : ICommand;

/// <summary>Every kiosk with its status, active ones first.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = KiosksPermissions.Read)]
public sealed record ListKiosks : IQuery<IReadOnlyList<KioskView>>;

/// <summary>One kiosk with its status and its recent days.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = KiosksPermissions.Read)]
public sealed record GetKiosk(Guid KioskId) : IQuery<KioskDetails>;

/// <summary>A kiosk's day at a glance (its totals in the utility's currency of its transactions).</summary>
public sealed record KioskDaySummary(LocalDate Day, int Receipts, decimal Cash, decimal Card, string Currency, bool Closed, Instant? ClosedAt);

/// <param name="LastSeenAt">The kiosk's last heartbeat (<see cref="ReportKioskStatus"/>).</param>
/// <param name="PendingEntries">Journal entries waiting on the device to be posted, as the kiosk last reported.</param>
/// <param name="Today">Today's day at this kiosk (in the utility's zone).</param>
public sealed record KioskView(
    Guid KioskId,
    string Code,
    string Centre,
    string Name,
    bool Retired,
    Instant RegisteredAt,
    Instant? LastSeenAt,
    int PendingEntries,
    KioskDaySummary Today);

/// <summary>A kiosk and its most recent days (newest first).</summary>
public sealed record KioskDetails(KioskView Kiosk, IReadOnlyList<KioskDaySummary> Days);

/// <summary>
/// The kiosk host proves who it is with its device key (configuration <c>Modular:Kiosk:DeviceKey</c>). A wrong, replaced or
/// retired key answers <c>kiosks.key_invalid</c>.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record AuthenticateKiosk(string DeviceKey) : IQuery<KioskIdentity>;

/// <summary>Who a kiosk is: its id, code (the terminal of its payments), collection centre and name.</summary>
public sealed record KioskIdentity(Guid KioskId, string Code, string Centre, string Name);

/// <summary>The kiosk's heartbeat: it is alive, with <paramref name="PendingEntries"/> journal entries not yet posted.</summary>
[AllowedCallers(Callers.System)]
public sealed record ReportKioskStatus(Guid KioskId, int PendingEntries, string? SoftwareVersion = null) : ICommand;

/// <summary>
/// A payment the kiosk took and posted to Payments (<paramref name="PaymentId"/>), for the kiosk's day: the notes accepted
/// (cash) or the terminal's authorization (card). Idempotent on <paramref name="EntryId"/> (the kiosk's journal entry): a
/// repeat answers the day it was recorded on. <paramref name="TakenAt"/> decides the day (utility's zone); when that day
/// is closed, the transaction goes to the kiosk's next open day.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record RecordKioskTransaction(
    Guid KioskId,
    Guid EntryId,
    Guid PaymentId,
    KioskMethod Method,
    decimal Amount,
    string Currency,
    IReadOnlyList<NoteCount> Notes,
    string? CardAuthorization,
    Instant TakenAt) : ICommand<KioskTransactionRecorded>;

/// <summary>The day the transaction counts in; <paramref name="Repeat"/> when it had been recorded before.</summary>
public sealed record KioskTransactionRecorded(LocalDate Day, bool Repeat);

/// <summary>
/// Closes a kiosk's day: the cash box is emptied and the day's report is final. Closed once: a second close answers the
/// same report (<see cref="KioskDayReport.AlreadyClosed"/>). The kiosk's service screen closes its own day as the system.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = KiosksPermissions.Manage)]
public sealed record CloseKioskDay(Guid KioskId, LocalDate Day) : ICommand<KioskDayReport>;

/// <summary>A kiosk's day report, open or closed.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = KiosksPermissions.Read)]
public sealed record GetKioskDay(Guid KioskId, LocalDate Day) : IQuery<KioskDayReport>;

/// <summary>Transactions and their total by method, in one currency.</summary>
public sealed record KioskMethodTotal(KioskMethod Method, string Currency, int Count, decimal Amount);

/// <param name="Totals">Totals by method (cash, card) and currency.</param>
/// <param name="Receipts">Transactions (each has a receipt).</param>
/// <param name="Notes">Notes accepted, by denomination (largest first).</param>
/// <param name="CashInBox">The cash the box holds for the day (the sum of the notes).</param>
/// <param name="ClosedAt">When the day was closed; null while it is open.</param>
/// <param name="AlreadyClosed">A close answered with a day closed before.</param>
public sealed record KioskDayReport(
    Guid KioskId,
    string Code,
    string Centre,
    LocalDate Day,
    IReadOnlyList<KioskMethodTotal> Totals,
    int Receipts,
    IReadOnlyList<NoteCount> Notes,
    decimal CashInBox,
    string Currency,
    Instant? ClosedAt,
    Guid? ClosedBy,
    bool AlreadyClosed = false);
