using Modular.Notifications.Contracts;
using NodaTime;

namespace Modular.Notifications.Domain;

/// <summary>
/// An outage as staff recorded it: kind, services, start and expected end, texts in ro/en/lv, its area (streets stored as
/// JSON, an optional GeoJSON polygon), and a counter of updates: the announcement is update 0, every change and the end
/// one more, so each is one message per user (subject <c>{id}:{update}</c>).
/// </summary>
internal sealed class Outage
{
    public Guid Id { get; set; }

    /// <summary>Human reference, e.g. <c>AV-2026-0007</c>.</summary>
    public string Number { get; set; } = string.Empty;

    public OutageKind Kind { get; set; }

    public OutageServices Services { get; set; }

    public Instant Start { get; set; }

    public Instant ExpectedEnd { get; set; }

    public Instant? RestoredAt { get; set; }

    public string TextRo { get; set; } = string.Empty;

    public string TextEn { get; set; } = string.Empty;

    public string TextLv { get; set; } = string.Empty;

    /// <summary>The street ranges, as JSON (<see cref="OutageStreet"/>s).</summary>
    public string StreetsJson { get; set; } = "[]";

    public string? AreaGeoJson { get; set; }

    /// <summary>The localities it touches, separated by <c>|</c> (public page, grouping).</summary>
    public string Localities { get; set; } = string.Empty;

    public int Updates { get; set; }

    /// <summary>When the premises of the area were matched (once, by the first consumer of its events).</summary>
    public Instant? MatchedAt { get; set; }

    public int Version { get; set; }

    public Instant CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }

    public Instant UpdatedAt { get; set; }

    public OutageTexts Texts => new(TextRo, TextEn, TextLv);

    public string TextIn(string? culture) => culture switch
    {
        "en" => TextEn,
        "lv" => TextLv,
        _ => TextRo,
    };

    public bool IsOpen => RestoredAt is null;
}

/// <summary>One step of an outage: announced (0), updated (1…), ended (the last).</summary>
internal sealed class OutageUpdate
{
    public Guid Id { get; set; }

    public Guid OutageId { get; set; }

    public int Number { get; set; }

    public OutageStep Step { get; set; }

    public Instant At { get; set; }

    public Instant ExpectedEnd { get; set; }

    public string TextRo { get; set; } = string.Empty;

    public string TextEn { get; set; } = string.Empty;

    public string TextLv { get; set; } = string.Empty;

    public Guid? StaffId { get; set; }
}

internal enum OutageStep
{
    Announced,
    Updated,
    Ended,
}

/// <summary>A premises (a contract's service point) in an outage's area, matched once when the outage was announced.</summary>
internal sealed class OutagePremises
{
    public Guid OutageId { get; set; }

    public Guid ContractId { get; set; }

    public Guid CustomerId { get; set; }

    public string ContractNumber { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;
}
