using Modular.Core.Access;
using Modular.Core.Events;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Requests.Contracts;

/// <summary>What an inspection act records (names in ro/en/lv under <c>acts.type.{Name}</c>).</summary>
public enum ActType
{
    Verification,
    Installation,
    Disconnection,
    Reconnection,
    ConnectionCheck,
    DamageFinding,
}

/// <summary>Where an act came from.</summary>
public enum ActSource
{
    /// <summary>The utility's field system, through <see cref="ImportActs"/>.</summary>
    Import,

    /// <summary>Entered by staff (<see cref="RegisterAct"/>).</summary>
    Staff,
}

/// <summary>What became of a reading an act took, as Readings answered it (see docs/modules/requests.md, "Acts").</summary>
public enum ActReadingState
{
    /// <summary>Passed to Readings; no answer yet (or Readings is not in the hosts).</summary>
    Pending,

    /// <summary>Readings stored it as a field reading (or already had it).</summary>
    Recorded,

    /// <summary>Readings refused it under its own rules; the code says why.</summary>
    Refused,
}

/// <summary>A meter reading taken during the inspection: the meter's serial, the index and the day it was read.</summary>
public sealed record ActReadingTaken(string Serial, LocalDate Date, decimal Index);

/// <summary>The signed act as uploaded: a PDF (checked by content, never by name), at most <c>Acts.MaxDocumentBytes</c>.</summary>
public sealed record ActDocumentUpload(string FileName, byte[] Content);

/// <summary>
/// An inspection act entered by staff. <paramref name="Number"/> is unique per utility and makes the request idempotent: the
/// same act sent again (double submit, two tabs) answers the stored act with <see cref="ActRegistration.AlreadyRegistered"/>;
/// another act under a stored number is refused (<c>acts.number_taken</c>). <paramref name="RegisteredOn"/> is the utility's
/// local date, never after today.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.ActsManage)]
public sealed record RegisterAct(
    string Number,
    string ContractNumber,
    ActType Type,
    LocalDate RegisteredOn,
    string Inspector,
    string Findings,
    IReadOnlyList<ActReadingTaken> Readings,
    ActDocumentUpload? Document = null) : ICommand<ActRegistration>;

public sealed record ActRegistration(Guid ActId, string Number, bool AlreadyRegistered);

/// <summary>
/// Imports acts from the field system's CSV (format in docs/modules/requests.md: one row per act, up to three readings in
/// columns) and, optionally, their signed PDFs from a zip whose entries are named after the act numbers (<c>A-2026-0001.pdf</c>).
/// Each row is decided on its own: an act already stored with the same content is unchanged, one stored with other content is
/// reported (<c>acts.changed</c>) and kept as it was; bad rows are reported with their line and a reason code, the rest stored.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.ActsManage)]
public sealed record ImportActs(Stream Csv, Stream? Documents = null) : ICommand<ActImportReport>;

/// <param name="DocumentsAttached">PDFs from the zip stored with a new act, or added to a stored act that had none.</param>
/// <param name="DocumentsRejected">Zip entries not stored: no such act in the file, not a PDF, too large (with the reason code).</param>
public sealed record ActImportReport(int Rows, int Imported, int Unchanged, int DocumentsAttached, IReadOnlyList<ActImportRowError> Rejected,
    IReadOnlyList<ActDocumentRejection> DocumentsRejected);

/// <param name="Line">1-based line in the file (the header is line 1).</param>
public sealed record ActImportRowError(int Line, string Number, string Code);

public sealed record ActDocumentRejection(string FileName, string Code);

/// <summary>An act's reading with what Readings made of it.</summary>
public sealed record ActReadingView(string Serial, LocalDate Date, decimal Index, ActReadingState State, string? RefusalCode);

/// <summary>An inspection act as staff and the customer see it.</summary>
public sealed record ActView(
    Guid ActId,
    string Number,
    Guid ContractId,
    string ContractNumber,
    Guid CustomerId,
    string ServiceAddress,
    ActType Type,
    LocalDate RegisteredOn,
    string Inspector,
    string Findings,
    ActSource Source,
    bool HasDocument,
    IReadOnlyList<ActReadingView> Readings,
    int Version = 0,
    Instant? CorrectedAt = null,
    string? CorrectionReason = null);

/// <summary>
/// Corrects what staff or the field system got wrong in a stored act – its type, date, inspector or findings – with a
/// reason, on the <paramref name="Version"/> the clerk saw (a correction made meanwhile is not overwritten). The number, the
/// contract and the readings stay: readings are Readings' once passed on (a wrong one is corrected on the meter).
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.ActsManage)]
public sealed record CorrectAct(Guid ActId, ActType Type, LocalDate RegisteredOn, string Inspector, string Findings, string Reason, int Version) : ICommand;

/// <summary>
/// The back office's acts list: newest first (registration date, then number), by contract number, act number (exact) or
/// customer. At most <paramref name="Take"/> (1–500).
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.ActsRead)]
public sealed record ListActs(string? ContractNumber = null, string? Number = null, Guid? CustomerId = null, int Take = 100)
    : IQuery<IReadOnlyList<ActView>>;

/// <summary>The acts of the contracts the caller may see (a customer's own), newest first; one contract's when given.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.ActsRead)]
public sealed record GetMyActs(Guid? ContractId = null) : IQuery<IReadOnlyList<ActView>>;

/// <summary>One act; an act of a contract the caller may not see answers <c>acts.act_not_found</c>, like one that does not exist.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.ActsRead)]
public sealed record GetAct(Guid ActId) : IQuery<ActView>;

/// <summary>An act's signed document; <c>acts.act_not_found</c> for an act the caller may not see or one without a document.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.ActsRead)]
public sealed record GetActDocument(Guid ActId) : IQuery<ActDocument>;

public sealed record ActDocument(string FileName, string ContentType, byte[] Content);

/// <summary>
/// An act was stored (by import or by staff). Readings records each of <paramref name="Readings"/> as a field reading and
/// answers with <c>Modular.Readings.Contracts.FieldReadingDecided</c> (reference <c>act:{ActId}</c>).
/// </summary>
public sealed record ActRegistered(
    Guid EventId,
    Instant OccurredAt,
    Guid ActId,
    string Number,
    Guid ContractId,
    Guid CustomerId,
    ActType Type,
    LocalDate RegisteredOn,
    IReadOnlyList<ActReadingTaken> Readings) : IIntegrationEvent;

/// <summary>A stored act was corrected (<see cref="CorrectAct"/>).</summary>
public sealed record ActCorrected(Guid EventId, Instant OccurredAt, Guid ActId, string Number, Guid CustomerId, string Reason) : IIntegrationEvent;
