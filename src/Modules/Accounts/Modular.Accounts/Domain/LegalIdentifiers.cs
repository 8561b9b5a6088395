using Modular.Core.Geography;

namespace Modular.Accounts.Domain;

/// <summary>
/// Checks and normal forms of the identifiers and address parts invoices carry: ISO country and Romanian county codes,
/// Bucharest sectors, Romanian CUI/CIF and CNP (with their check digits), Latvian registration numbers and personal codes.
/// Each <c>Try…</c> answers the normal form, or null when the value is not valid.
/// </summary>
internal static class LegalIdentifiers
{
    public const string Romania = PlaceCodes.Romania;
    public const string Latvia = PlaceCodes.Latvia;
    public const string Bucharest = PlaceCodes.Bucharest;

    public static string? TryCountry(string value)
    {
        var code = value.Trim().ToUpperInvariant();
        return PlaceCodes.IsCountry(code) ? code : null;
    }

    /// <summary>Romanian counties as ISO 3166-2 (BV or RO-BV → RO-BV); other countries' subdivisions as given.</summary>
    public static string? TryCounty(string value, string? country)
    {
        var text = value.Trim();
        if (country is not Romania)
        {
            return text.Length is > 0 and <= 50 ? text : null;
        }

        var code = text.ToUpperInvariant();
        code = code.StartsWith("RO-", StringComparison.Ordinal) ? code : "RO-" + code;
        return PlaceCodes.IsRomanianCounty(code) ? code : null;
    }

    /// <summary>A Bucharest sector as CIUS-RO codes it ("Sector 3", "sector3", "SECTOR 3" → SECTOR3).</summary>
    public static string? TryBucharestSector(string value)
    {
        var compact = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        return PlaceCodes.IsBucharestSector(compact) ? compact : null;
    }

    /// <summary>Romanian postal codes have six digits; elsewhere up to 20 characters.</summary>
    public static string? TryPostalCode(string value, string? country)
    {
        var text = value.Trim();
        if (country is Romania)
        {
            return text.Length == 6 && text.All(char.IsAsciiDigit) ? text : null;
        }

        return text.Length is > 0 and <= 20 ? text : null;
    }

    /// <summary>
    /// A fiscal code, without spaces, dots or dashes and upper case: a VAT identifier with its country prefix (RO + a valid
    /// CUI; LV + 11 digits; another country's prefix + 2–13 letters or digits), or a bare Romanian CUI/CIF (2–10 digits with
    /// a valid check digit) or Latvian registration number (11 digits), by the customer's country (Romania by default).
    /// </summary>
    public static string? TryTaxId(string value, string? country)
    {
        var code = Compact(value);
        if (code.Length >= 2 && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]))
        {
            var prefix = code[..2];
            var rest = code[2..];
            var valid = prefix switch
            {
                Romania => IsCui(rest),
                Latvia => rest.Length == 11 && rest.All(char.IsAsciiDigit),
                // Greece prefixes VAT numbers with EL, not its ISO code.
                _ => (PlaceCodes.IsCountry(prefix) || prefix == "EL") && rest.Length is >= 2 and <= 13 && rest.All(char.IsAsciiLetterOrDigit),
            };
            return valid ? code : null;
        }

        return (country ?? Romania) switch
        {
            Romania => IsCui(code) ? code : null,
            Latvia => code.Length == 11 && code.All(char.IsAsciiDigit) ? code : null,
            _ => code.Length is >= 2 and <= 20 && code.All(char.IsAsciiLetterOrDigit) ? code : null,
        };
    }

    /// <summary>Whether the fiscal code is a VAT identifier (it carries a country prefix).</summary>
    public static bool IsVatId(string taxId) => taxId.Length > 2 && char.IsAsciiLetter(taxId[0]) && char.IsAsciiLetter(taxId[1]);

    /// <summary>A personal code: a Romanian CNP (13 digits, valid check digit) or a Latvian code (DDMMYY-NNNNN, 11 digits).</summary>
    public static string? TryPersonalCode(string value, string? country)
    {
        var code = Compact(value);
        return (country ?? Romania) switch
        {
            Romania => IsCnp(code) ? code : null,
            Latvia => code.Length == 11 && code.All(char.IsAsciiDigit) ? code[..6] + "-" + code[6..] : null,
            _ => code.Length is >= 4 and <= 20 && code.All(char.IsAsciiLetterOrDigit) ? code : null,
        };
    }

    /// <summary>CUI/CIF: 2–10 digits; the last is (Σ digit × 753217532, right-aligned) × 10 mod 11, 10 counting as 0.</summary>
    public static bool IsCui(string code)
    {
        if (code.Length is < 2 or > 10 || !code.All(char.IsAsciiDigit) || code[0] == '0')
        {
            return false;
        }

        const string Key = "753217532";
        var body = code[..^1].PadLeft(9, '0');
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (body[i] - '0') * (Key[i] - '0');
        }

        var check = sum * 10 % 11 % 10;
        return check == code[^1] - '0';
    }

    /// <summary>CNP: 13 digits, the first 1–9; the last is Σ digit × 279146358279 mod 11, 10 counting as 1.</summary>
    public static bool IsCnp(string code)
    {
        if (code.Length != 13 || !code.All(char.IsAsciiDigit) || code[0] == '0')
        {
            return false;
        }

        const string Key = "279146358279";
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (code[i] - '0') * (Key[i] - '0');
        }

        var check = sum % 11 == 10 ? 1 : sum % 11;
        return check == code[12] - '0';
    }

    private static string Compact(string value) =>
        string.Concat(value.Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-' and not '/')).ToUpperInvariant();
}
