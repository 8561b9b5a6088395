using System.Globalization;
using System.Text;

namespace Modular.Notifications.Domain;

/// <summary>Which house numbers of a street a range covers.</summary>
internal enum HouseParity
{
    All,
    Odd,
    Even,
}

/// <summary>
/// One part of an outage's area in the utility's address structure: a locality, optionally one street of it, optionally
/// house numbers from–to (inclusive, either end open) of one parity. A premises matches when its locality and street
/// (normalised: diacritics, case, street-type words) are the same and its house number's leading digits fall in the range.
/// </summary>
internal sealed record StreetRange(string Locality, string? Street, int? From, int? To, HouseParity Parity)
{
    public bool Covers(string? locality, string? street, string? houseNumber)
    {
        if (AddressText.Normalize(locality) != AddressText.Normalize(Locality))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(Street))
        {
            return true;
        }

        if (AddressText.NormalizeStreet(street) != AddressText.NormalizeStreet(Street))
        {
            return false;
        }

        if (From is null && To is null && Parity == HouseParity.All)
        {
            return true;
        }

        if (AddressText.HouseNumber(houseNumber) is not { } number)
        {
            return false;
        }

        return (From is null || number >= From) && (To is null || number <= To)
            && Parity switch
            {
                HouseParity.Odd => number % 2 == 1,
                HouseParity.Even => number % 2 == 0,
                _ => true,
            };
    }
}

/// <summary>How addresses are compared: without diacritics, case, punctuation or street-type words ("Str.", "Strada", "iela").</summary>
internal static class AddressText
{
    /// <summary>Street-type words and abbreviations that do not tell streets apart (Romanian and Latvian).</summary>
    private static readonly HashSet<string> StreetTypes =
    [
        "str", "strada", "st", "street",
        "bd", "bdul", "b-dul", "bulevardul", "blvd", "bulv", "bulvaris",
        "sos", "soseaua",
        "al", "aleea",
        "pta", "piata",
        "spl", "splaiul",
        "int", "intrarea",
        "iela", "ie",
    ];

    /// <summary>Lower case, no diacritics (ș/ş, ț/ţ, ā, č…), runs of punctuation and spaces as one space.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>A street's name without its type words: "Str. Mihai Eminescu", "Strada Mihai Eminescu" and "mihai eminescu" are one.</summary>
    public static string NormalizeStreet(string? street)
    {
        var words = Normalize(street).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !StreetTypes.Contains(w)).ToList();
        return string.Join(' ', words);
    }

    /// <summary>The leading number of a house number ("12", "12A", "12 bis", "12-14" → 12); null without one.</summary>
    public static int? HouseNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = new string(text.Trim().SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and <= 6 ? int.Parse(digits, CultureInfo.InvariantCulture) : null;
    }
}
