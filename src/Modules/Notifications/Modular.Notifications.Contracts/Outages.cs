using Modular.Core.Access;
using Modular.Core.Events;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Notifications.Contracts;

public enum OutageKind
{
    /// <summary>Scheduled works, announced ahead.</summary>
    Planned,

    /// <summary>A breakdown.</summary>
    Unplanned,
}

/// <summary>What an outage cuts off.</summary>
[Flags]
public enum OutageServices
{
    None = 0,
    Water = 1,
    Sewerage = 2,
}

/// <summary>Which house numbers of a street a range takes.</summary>
public enum HouseNumbers
{
    All,
    Odd,
    Even,
}

/// <summary>
/// A part of an outage's area in the utility's address structure: a whole locality (<paramref name="Street"/> null), a
/// whole street, or house numbers <paramref name="From"/>–<paramref name="To"/> of it (inclusive, either end open) of one
/// parity. Names are compared without diacritics, case or street-type words ("Str.", "Strada", "Bd.", "iela").
/// </summary>
public sealed record OutageStreet(string Locality, string? Street = null, int? From = null, int? To = null, HouseNumbers Numbers = HouseNumbers.All);

/// <summary>An outage's texts, one per language (all three required).</summary>
public sealed record OutageTexts(string Ro, string En, string Lv);

/// <summary>
/// Records an outage and notifies the users of every premises in its area (streets and/or a GeoJSON Polygon or
/// MultiPolygon in WGS 84, <paramref name="AreaGeoJson"/>; at least one of them). Staff with <c>outages.manage</c>.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = NotificationsPermissions.OutagesManage)]
public sealed record AnnounceOutage(
    OutageKind Kind,
    OutageServices Services,
    Instant Start,
    Instant ExpectedEnd,
    OutageTexts Texts,
    IReadOnlyList<OutageStreet> Streets,
    string? AreaGeoJson) : ICommand<OutageAnnouncement>;

public sealed record OutageAnnouncement(Guid OutageId, string Number);

/// <summary>
/// An update of an open outage: a new expected end and/or new texts; <paramref name="Version"/> is the one the staff member
/// saw (a colleague's change meanwhile wins: <c>outages.changed_meanwhile</c>). Every affected user gets the update once.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = NotificationsPermissions.OutagesManage)]
public sealed record UpdateOutage(Guid OutageId, int Version, Instant ExpectedEnd, OutageTexts Texts) : ICommand<int>;

/// <summary>Ends an outage (supply restored at <paramref name="RestoredAt"/>, not in the future); the affected users are told once.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = NotificationsPermissions.OutagesManage)]
public sealed record EndOutage(Guid OutageId, int Version, Instant RestoredAt) : ICommand<int>;

/// <summary>Outages for staff, newest first: open ones (current and planned) and, with <paramref name="IncludeEnded"/>, ended ones (latest 100).</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = NotificationsPermissions.OutagesManage)]
public sealed record ListOutages(bool IncludeEnded = false) : IQuery<IReadOnlyList<OutageView>>;

/// <summary>One outage with its area, texts, updates and how many premises it affects.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = NotificationsPermissions.OutagesManage)]
public sealed record GetOutage(Guid OutageId) : IQuery<OutageDetails>;

/// <summary>Current and planned outages for everyone (no sign-in): kind, times, services, localities and the texts.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record GetPublicOutages : IQuery<IReadOnlyList<OutageView>>;

/// <summary>Current and planned outages at the addresses of the caller's contracts, each with the addresses it affects.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff, StaffPermission = NotificationsPermissions.Read)]
public sealed record GetMyOutages : IQuery<IReadOnlyList<MyOutage>>;

public sealed record OutageView(
    Guid OutageId,
    string Number,
    OutageKind Kind,
    OutageServices Services,
    Instant Start,
    Instant ExpectedEnd,
    Instant? RestoredAt,
    OutageTexts Texts,
    IReadOnlyList<string> Localities,
    int Updates,
    int Version);

public sealed record OutageDetails(OutageView Outage, IReadOnlyList<OutageStreet> Streets, string? AreaGeoJson, int AffectedPremises,
    IReadOnlyList<OutageUpdateView> History);

public sealed record OutageUpdateView(int Number, string Kind, Instant At, Instant ExpectedEnd, Guid? StaffId);

public sealed record MyOutage(OutageView Outage, IReadOnlyList<MyOutageAddress> Addresses);

public sealed record MyOutageAddress(Guid ContractId, string ContractNumber, string Address);

/// <summary>An outage was recorded (update number 0).</summary>
public sealed record OutageAnnounced(Guid EventId, Instant OccurredAt, Guid OutageId, string Number, OutageKind Kind, OutageServices Services,
    Instant Start, Instant ExpectedEnd) : IIntegrationEvent;

/// <summary>An outage's expected end or texts changed (<paramref name="Update"/> counts from 1).</summary>
public sealed record OutageUpdated(Guid EventId, Instant OccurredAt, Guid OutageId, int Update, Instant ExpectedEnd) : IIntegrationEvent;

/// <summary>An outage ended: supply restored.</summary>
public sealed record OutageEnded(Guid EventId, Instant OccurredAt, Guid OutageId, int Update, Instant RestoredAt) : IIntegrationEvent;
