using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Modular.Requests.Contracts;
using NodaTime;

namespace Modular.Requests.Domain;

/// <summary>
/// An inspection act of a contract: its number (unique per utility), type, the utility's local date it was registered on,
/// the inspector, the findings, the readings taken and, optionally, the signed PDF (in the file store under
/// <see cref="DocumentKey"/>). <see cref="Fingerprint"/> is a hash of the act's content, so an act sent again is recognised
/// as the same (nothing to do) or as a changed one (reported, never overwritten).
/// </summary>
internal sealed class Act
{
    public Guid Id { get; set; }

    public string Number { get; set; } = string.Empty;

    public Guid ContractId { get; set; }

    public string ContractNumber { get; set; } = string.Empty;

    public Guid CustomerId { get; set; }

    /// <summary>The contract's service address as Accounts gave it when the act was stored.</summary>
    public string ServiceAddress { get; set; } = string.Empty;

    public ActType Type { get; set; }

    public LocalDate RegisteredOn { get; set; }

    public string Inspector { get; set; } = string.Empty;

    public string Findings { get; set; } = string.Empty;

    public ActSource Source { get; set; }

    public string Fingerprint { get; set; } = string.Empty;

    public string? DocumentKey { get; set; }

    public string? DocumentName { get; set; }

    public long? DocumentSize { get; set; }

    public Instant StoredAt { get; set; }

    /// <summary>The staff member who entered or imported it (none for the system).</summary>
    public Guid? StoredBy { get; set; }

    public List<ActReading> Readings { get; set; } = [];

    /// <summary>Bumped by every correction, so two staff members correcting one act at once cannot both win.</summary>
    public int Version { get; set; }

    /// <summary>The last correction: when, by whom and why (the audit trail keeps every one).</summary>
    public Instant? CorrectedAt { get; set; }

    public Guid? CorrectedBy { get; set; }

    public string? CorrectionReason { get; set; }

    /// <summary>The content that makes two acts under one number the same act (the document aside: it may come later).</summary>
    public static string FingerprintOf(string contractNumber, ActType type, LocalDate registeredOn, string inspector, string findings,
        IEnumerable<ActReadingTaken> readings)
    {
        var text = new StringBuilder()
            .Append(contractNumber).Append('\n')
            .Append(type.ToString()).Append('\n')
            .Append(registeredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n')
            .Append(inspector).Append('\n')
            .Append(findings.ReplaceLineEndings("\n")).Append('\n');
        foreach (var r in readings.OrderBy(r => r.Serial, StringComparer.Ordinal).ThenBy(r => r.Date).ThenBy(r => r.Index))
        {
            text.Append(r.Serial).Append('|').Append(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                .Append(Normalize(r.Index).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>An index without trailing zeros (12.500 and 12.5 are one index).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}

/// <summary>A reading the act took, and what Readings made of it (<see cref="ActReadingState"/>).</summary>
internal sealed class ActReading
{
    public Guid Id { get; set; }

    public Guid ActId { get; set; }

    public string Serial { get; set; } = string.Empty;

    public LocalDate Date { get; set; }

    public decimal Index { get; set; }

    public ActReadingState State { get; set; }

    public string? RefusalCode { get; set; }

    public Instant? DecidedAt { get; set; }
}
