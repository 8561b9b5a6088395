using System.Globalization;
using System.Text.RegularExpressions;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Core.Localization;

/// <summary>
/// Numbers, money and dates as a reader of one of the portal's languages writes them: Romanian and Latvian with a
/// decimal comma, English in British form (day first). Templates format every value through these (their <c>money</c>,
/// <c>number</c>, <c>percent</c> and <c>date</c> functions), so documents and emails agree with each other and with pages.
/// </summary>
public static class CultureFormats
{
    /// <summary>The regional culture of a language (<c>ro</c> → ro-RO, <c>lv</c> → lv-LV, anything else → en-GB).</summary>
    public static CultureInfo Regional(string? language) => Language(language) switch
    {
        "ro" => CultureInfo.GetCultureInfo("ro-RO"),
        "lv" => CultureInfo.GetCultureInfo("lv-LV"),
        _ => CultureInfo.GetCultureInfo("en-GB"),
    };

    /// <summary>The two-letter language of a culture name (<c>ro-RO</c> → <c>ro</c>), lower case; empty for none.</summary>
    public static string Language(string? culture)
    {
        var trimmed = (culture ?? string.Empty).Trim();
        var end = trimmed.IndexOfAny(['-', '_']);
        return (end > 0 ? trimmed[..end] : trimmed).ToLowerInvariant();
    }

    /// <summary>Rounded to the currency's minor unit (the SDK's one rounding rule), grouped, code after: <c>1.234,50 RON</c>.</summary>
    public static string Money(Money.Money money, CultureInfo culture) =>
        MoneyRounding.Round(money.Amount, money.Currency).ToString("N" + money.Currency.MinorUnits, culture) + " " + money.Currency.Code;

    /// <summary>Fixed decimals (rounded half away from zero), grouped: <c>11,785</c>.</summary>
    public static string Number(decimal value, int decimals, CultureInfo culture) =>
        MoneyRounding.Round(value, decimals).ToString("N" + decimals, culture);

    /// <summary>At least <paramref name="minDecimals"/>, at most <paramref name="maxDecimals"/> decimals (unit prices: <c>1,2345</c>, <c>5,20</c>).</summary>
    public static string Number(decimal value, int minDecimals, int maxDecimals, CultureInfo culture) =>
        MoneyRounding.Round(value, maxDecimals).ToString("#,0." + new string('0', minDecimals) + new string('#', Math.Max(0, maxDecimals - minDecimals)), culture);

    /// <summary>As many decimals as the value has (none for whole numbers), grouped: <c>7,5</c>, <c>1.200</c>.</summary>
    public static string Number(decimal value, CultureInfo culture) => value.ToString("#,0.############", culture);

    /// <summary>A fraction as a percentage with up to two decimals, in the culture's form: <c>0.19</c> → <c>19 %</c> (ro), <c>19%</c> (en).</summary>
    public static string Percent(decimal fraction, CultureInfo culture)
    {
        var hundredths = MoneyRounding.Round(fraction * 10_000m, 0);
        var decimals = hundredths % 100 == 0 ? 0 : hundredths % 10 == 0 ? 1 : 2;
        return fraction.ToString("P" + decimals, culture);
    }

    /// <summary>The culture's short date: <c>25.11.2026</c> (ro, lv), <c>25/11/2026</c> (en).</summary>
    public static string Date(LocalDate date, CultureInfo culture) => date.ToString("d", culture);

    /// <summary>The culture's long date: <c>miercuri, 25 noiembrie 2026</c>.</summary>
    public static string LongDate(LocalDate date, CultureInfo culture) => date.ToString("D", culture);

    /// <summary>Month and year: <c>noiembrie 2026</c>, <c>November 2026</c>.</summary>
    public static string Month(YearMonth month, CultureInfo culture) => month.ToString("MMMM yyyy", culture);

    /// <summary>The culture's short date and time: <c>25.11.2026 14:05</c>.</summary>
    public static string DateTime(LocalDateTime value, CultureInfo culture) => value.ToString("g", culture);

    /// <summary>An instant as the utility's local date and time (<paramref name="zone"/>): <c>25.11.2026 14:05</c>.</summary>
    public static string DateTime(Instant instant, DateTimeZone zone, CultureInfo culture) => DateTime(instant.InZone(zone).LocalDateTime, culture);

    /// <summary>
    /// Reads an amount typed in <paramref name="culture"/>'s own form, strictly: the culture's decimal separator with at most
    /// <paramref name="maxDecimals"/> decimals, and group separators (the culture's, or a space) only between groups of
    /// three digits. <c>1,00</c> is refused in English (neither one nor a hundred is certain), <c>1.50</c> in Romanian; no
    /// signs, exponents or currency symbols.
    /// </summary>
    public static bool TryParseAmount(string? text, CultureInfo culture, int maxDecimals, out decimal amount)
    {
        amount = 0m;
        var trimmed = (text ?? string.Empty).Trim();
        var format = culture.NumberFormat;
        var separators = "[" + Regex.Escape(format.NumberGroupSeparator) + " \\u00A0\\u202F]";
        var decimals = maxDecimals > 0 ? "(?:" + Regex.Escape(format.NumberDecimalSeparator) + "(?<dec>[0-9]{1," + maxDecimals + "}))?" : string.Empty;
        var pattern = "^(?<int>[0-9]{1,12}|[0-9]{1,3}(?<sep>" + separators + ")[0-9]{3}(?:\\k<sep>[0-9]{3}){0,2})" + decimals + "$";
        var match = Regex.Match(trimmed, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        var digits = match.Groups["int"].Value.Where(char.IsAsciiDigit).ToArray();
        return match.Success && decimal.TryParse(new string(digits) + (match.Groups["dec"].Success ? "." + match.Groups["dec"].Value : string.Empty),
            NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }
}
