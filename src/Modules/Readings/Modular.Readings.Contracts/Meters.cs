using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Readings.Contracts;

/// <summary>
/// Registers a meter on a contract (a Guid owned by Accounts). The register has <paramref name="IntegerDigits"/>
/// before and <paramref name="DecimalPlaces"/> after the decimal mark; the initial index is stored as the first reading.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.MetersManage)]
public sealed record RegisterMeter(
    string Serial,
    Guid ContractId,
    int IntegerDigits,
    int DecimalPlaces,
    LocalDate InstalledOn,
    decimal InitialIndex,
    LocalDate? VerificationDue,
    bool SelfReadAllowed) : ICommand<Guid>;

/// <summary>
/// Replaces a meter: records the old meter's final index on <paramref name="Date"/>, removes it, and registers the new
/// meter on the same contract with its initial index. Answers the new meter's id.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.MetersManage)]
public sealed record ReplaceMeter(
    Guid OldMeterId,
    decimal OldFinalIndex,
    LocalDate Date,
    string NewSerial,
    int NewIntegerDigits,
    int NewDecimalPlaces,
    decimal NewInitialIndex,
    LocalDate? NewVerificationDue) : ICommand<Guid>;

/// <summary>Opens or closes a meter to self-reading by the customer (utility staff / system callers).</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.MetersManage)]
public sealed record SetSelfReading(Guid MeterId, bool Allowed) : ICommand;

/// <summary>Meters of one contract the caller may see (removed meters included).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.Read)]
public sealed record GetMetersForContract(Guid ContractId) : IQuery<IReadOnlyList<MeterView>>;

/// <summary>
/// The meters of many contracts at once, as <see cref="GetMetersForContract"/> shows them (system callers: jobs that page
/// through every contract, such as the reminder that a window closes with no reading yet); at most 5,000 contracts a call.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record GetMetersForContracts(IReadOnlyList<Guid> ContractIds) : IQuery<IReadOnlyList<MeterView>>;

/// <summary>One meter the caller may see (removed meters included), as <see cref="GetMetersForContract"/> shows it.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.Read)]
public sealed record GetMeter(Guid MeterId) : IQuery<MeterView>;

/// <summary>Meters of every contract in the caller's access scope (portal "my meters"; system callers: not allowed, too many).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff, StaffPermission = ReadingsPermissions.Read)]
public sealed record GetMyMeters : IQuery<IReadOnlyList<MeterView>>;

/// <summary>Is the self-reading window open for this meter, until when, and when does it open next.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.Read)]
public sealed record GetReadingWindow(Guid MeterId) : IQuery<ReadingWindowState>;

/// <summary>
/// The reading window of the caller's first self-read meter in service (by serial), as the dashboard shows it: the
/// window state only, without any meter's readings (<c>meter_not_found</c> when the caller has no such meter).
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff, StaffPermission = ReadingsPermissions.Read)]
public sealed record GetMyReadingWindow : IQuery<ReadingWindowState>;

/// <summary>The window as the portal shows it. <see cref="CanSubmit"/> is false when closed or the meter is not self-read.</summary>
public sealed record ReadingWindowState(
    bool IsOpen,
    YearMonth Period,
    LocalDate OpensOn,
    LocalDate ClosesOn,
    LocalDate NextOpensOn,
    bool SelfReadAllowed,
    bool CanSubmit);

/// <summary>
/// A meter as the portal shows it. <see cref="PreviousIndex"/> and <see cref="PreviousReadingDate"/> are the reading the next
/// submission is compared with: the last accepted one of a period before the window's. <see cref="CurrentPeriodIndex"/> is
/// the accepted reading of the window's period itself, if any (a new submission in the window corrects it).
/// <see cref="ReplacedBy"/> is the meter that replaced a removed one.
/// </summary>
public sealed record MeterView(
    Guid MeterId,
    string Serial,
    Guid ContractId,
    int IntegerDigits,
    int DecimalPlaces,
    LocalDate InstalledOn,
    decimal InitialIndex,
    LocalDate? RemovedOn,
    decimal? FinalIndex,
    LocalDate? VerificationDue,
    bool SelfReadAllowed,
    decimal? PreviousIndex,
    LocalDate? PreviousReadingDate,
    ReadingWindowState Window,
    decimal? CurrentPeriodIndex = null,
    Guid? ReplacedBy = null);
