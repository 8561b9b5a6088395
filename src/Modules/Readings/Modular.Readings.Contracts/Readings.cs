using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Readings.Contracts;

public enum ReadingSource
{
    CustomerPortal,
    Kiosk,
    FieldReader,
    UtilityEstimate,
    MeterChange,

    /// <summary>A staff member entered the customer's reading on their behalf (phone, counter).</summary>
    Staff,
}

public enum ReadingQuality
{
    Actual,
    Estimated,
    Corrected,
}

public enum ReadingStatus
{
    Submitted,
    Accepted,
    Superseded,
    Rejected,
}

/// <summary>
/// A customer's reading for today's window, from the portal, the API, a kiosk or staff on the customer's behalf; the
/// reading's source comes from the caller's channel. Two-way SMS (Notifications) and the kiosk's screens (Kiosks) send it
/// as the customer. When the consumption needs confirmation (warnings), nothing is
/// stored unless <paramref name="ConfirmWarnings"/> is true; the answer carries consumption and warnings either way.
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.Submit)]
[CrossModule("Notifications", "Kiosks")]
public sealed record SubmitReading(Guid MeterId, decimal Index, bool ConfirmWarnings = false) : ICommand<SubmissionOutcome>;

/// <param name="Stored">False when the submission waits for the caller to confirm its warnings (see the result's Warnings).</param>
/// <param name="Rollover">The register passed its maximum and started again from zero.</param>
public sealed record SubmissionOutcome(
    Guid? ReadingId,
    Guid MeterId,
    YearMonth Period,
    decimal Index,
    decimal PreviousIndex,
    LocalDate PreviousDate,
    decimal Consumption,
    bool Rollover,
    bool Stored,
    bool NeedsConfirmation);

/// <summary>
/// Imports field readers' readings from CSV (header <c>serial,date,index</c>, date as yyyy-MM-dd, invariant decimal
/// point). Idempotent: a row already imported is counted as a duplicate. Accepted outside the window; a field reading
/// supersedes a customer's reading of the same period. System callers only.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.Import)]
public sealed record ImportFieldReadings(Stream Csv) : ICommand<ImportReport>;

public sealed record ImportReport(int Rows, int Imported, int Duplicates, IReadOnlyList<ImportRowError> Rejected);

/// <param name="Line">1-based line in the file (the header is line 1).</param>
public sealed record ImportRowError(int Line, string Serial, string Code);

/// <summary>What a reading entered by utility staff is: read on site, or estimated for a period without a reading.</summary>
public enum MeterReadingKind
{
    /// <summary>Read on site by the utility (source <see cref="ReadingSource.FieldReader"/>, quality actual).</summary>
    Field,

    /// <summary>The utility's estimate (source <see cref="ReadingSource.UtilityEstimate"/>, quality estimated).</summary>
    Estimate,
}

/// <summary>
/// A reading the utility's staff enter for a meter (a field reader's sheet, an estimate): utility data, not the customer's
/// submission, so no acting on behalf and no window. The same rules as <see cref="ImportFieldReadings"/> apply (any date up to
/// today in the utility's zone, belonging to that date's period; a later reading of the meter refuses it). A lower index is
/// a rollover only when the register's capacity explains it and <paramref name="Rollover"/> confirms it. Warnings store
/// nothing unless <paramref name="ConfirmWarnings"/>. Idempotent: the same kind, date and index again adds nothing.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.MetersManage)]
public sealed record RecordMeterReading(Guid MeterId, LocalDate Date, decimal Index, MeterReadingKind Kind, bool ConfirmWarnings = false,
    bool Rollover = false) : ICommand<MeterReadingOutcome>;

/// <param name="ReadingId">The stored reading (also when it was already recorded); null while it waits for confirmation.</param>
/// <param name="AlreadyRecorded">The same reading had been recorded before: nothing was added.</param>
public sealed record MeterReadingOutcome(
    Guid? ReadingId,
    Guid MeterId,
    YearMonth Period,
    decimal Index,
    decimal Consumption,
    bool Rollover,
    bool Stored,
    bool NeedsConfirmation,
    bool AlreadyRecorded);

/// <summary>
/// Readings of a meter or of a contract (one of them), newest first, optionally limited to a date range and to one status
/// (e.g. <see cref="ReadingStatus.Accepted"/>: a consumer that judges usage need not read every superseded revision).
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.Read)]
public sealed record GetReadingHistory(Guid? MeterId, Guid? ContractId, LocalDate? From = null, LocalDate? To = null, ReadingStatus? Status = null)
    : IQuery<IReadOnlyList<ReadingView>>;

/// <summary>The same history as <see cref="GetReadingHistory"/> as a CSV file (UTF-8, comma separated, header row).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.Read)]
public sealed record ExportReadingHistory(Guid? MeterId, Guid? ContractId, LocalDate? From = null, LocalDate? To = null)
    : IQuery<CsvExport>;

public sealed record CsvExport(string FileName, string Content);

public sealed record ReadingView(
    Guid ReadingId,
    Guid MeterId,
    string Serial,
    Guid ContractId,
    YearMonth Period,
    LocalDate ReadingDate,
    decimal Index,
    decimal Consumption,
    bool Rollover,
    ReadingSource Source,
    ReadingQuality Quality,
    ReadingStatus Status,
    Instant SubmittedAt,
    Guid? SubmittedBy);

/// <summary>
/// Publishes <see cref="ReadingWindowOpened"/> for the period whose window is open today (or the given period once its
/// window has opened). Idempotent: once per period. The worker calls it on a schedule. Answers whether it published now.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record OpenReadingWindow(YearMonth? Period = null) : ICommand<bool>;
