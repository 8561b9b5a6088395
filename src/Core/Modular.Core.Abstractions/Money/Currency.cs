using System.Text.RegularExpressions;

namespace Modular.Core.Money;

/// <summary>An ISO 4217 currency code with the number of minor units used for rounding.</summary>
public readonly partial record struct Currency
{
    private Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    public string Code { get; }

    public int MinorUnits { get; }

    public static readonly Currency Ron = new("RON", 2);
    public static readonly Currency Eur = new("EUR", 2);

    /// <summary>Parses a three-letter ISO code; unknown codes get two minor units.</summary>
    public static Currency Of(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var upper = code.Trim().ToUpperInvariant();
        if (!IsoCode().IsMatch(upper))
        {
            throw new ArgumentException($"'{code}' is not an ISO 4217 currency code.", nameof(code));
        }

        return upper switch
        {
            "JPY" or "KRW" or "HUF" => new Currency(upper, 0),
            _ => new Currency(upper, 2),
        };
    }

    public static bool TryParse(string? code, out Currency currency)
    {
        currency = default;
        if (code is null || !IsoCode().IsMatch(code.Trim().ToUpperInvariant()))
        {
            return false;
        }

        currency = Of(code);
        return true;
    }

    public override string ToString() => Code ?? string.Empty;

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex IsoCode();
}
