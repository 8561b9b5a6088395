using System.Globalization;
using System.Text;

namespace Modular.Payments.Imports;

/// <summary>
/// What an import file may put into our tables. Identifiers (the line's key, a terminal) longer than their columns make the
/// line rejected (<c>payments.line_field_too_long</c>): cutting them could make two lines one. Free text (remittance text,
/// payer names, file names) is informational: control and formatting characters (e.g. right-to-left overrides) become
/// spaces and it is shortened to its column.
/// </summary>
internal static class ImportFields
{
    /// <summary><c>payments.ExternalKey</c> and <c>suspense.ExternalKey</c>.</summary>
    public const int MaxKey = 300;

    public const int MaxTerminal = 100;

    /// <summary><c>payments.PayerReference</c> and <c>suspense.Reference</c>.</summary>
    public const int MaxReference = 500;

    public const int MaxPayer = 200;

    public const int MaxFileName = 500;

    public static bool HasOverlongIdentifier(IncomingLine line) => line.Key.Length > MaxKey || line.Terminal?.Length > MaxTerminal;

    /// <summary>The line, rejected, with its key shortened so the report and the duplicate check stay small.</summary>
    public static IncomingLine Rejected(IncomingLine line, string reason) =>
        IncomingLine.Rejected(line.Line, line.Key.Length > MaxKey ? line.Key[..MaxKey] : line.Key, reason);

    /// <summary>Free text as it may be stored: no control or formatting characters, at most <paramref name="max"/> characters.</summary>
    public static string? Text(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var clean = new StringBuilder(Math.Min(value.Length, max));
        foreach (var c in value)
        {
            if (clean.Length == max)
            {
                break;
            }

            clean.Append(IsHidden(c) ? ' ' : c);
        }

        return clean.ToString().Trim();
    }

    /// <summary>Controls (C0, C1) and formatting characters: bidirectional overrides, zero-width characters, soft hyphens.</summary>
    private static bool IsHidden(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
