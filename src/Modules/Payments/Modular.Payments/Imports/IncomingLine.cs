using NodaTime;

namespace Modular.Payments.Imports;

/// <summary>
/// One money line read from a file, before matching. <see cref="Key"/> identifies it across files (the same entry in an
/// overlapping statement gives the same key); <see cref="RejectReason"/> is set when the line cannot be used.
/// </summary>
internal sealed record IncomingLine(
    int Line,
    string Key,
    string? RejectReason,
    bool IsCredit,
    bool IsReversal,
    bool IsBooked,
    decimal Amount,
    string Currency,
    LocalDate ValueDate,
    string? StructuredReference,
    string? Text,
    string? Payer,
    string? Terminal = null)
{
    public static IncomingLine Rejected(int line, string key, string reason, string? text = null) =>
        new(line, key, reason, false, false, false, 0m, string.Empty, default, null, text, null);
}

/// <summary>The file as a whole is unusable (not the expected format); nothing of it is stored.</summary>
internal sealed class ImportFormatException(string message) : Exception(message);
