using System.Globalization;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Web.Localization;

/// <summary>Money, dates and quantities in the current request's language.</summary>
public static class Formats
{
    /// <summary>Regional formats of the page's language: British English (day first), Romanian, Latvian.</summary>
    public static CultureInfo Culture => Regional(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>Regional formats of a language (ro, en, lv).</summary>
    public static CultureInfo Regional(string language) => language switch
    {
        "ro" => CultureInfo.GetCultureInfo("ro-RO"),
        "lv" => CultureInfo.GetCultureInfo("lv-LV"),
        _ => CultureInfo.GetCultureInfo("en-GB"),
    };

    public static string Money(Money money) => Money(money, Culture);

    public static string Money(Money money, CultureInfo culture) =>
        MoneyRounding.Round(money.Amount, money.Currency).ToString("N" + money.Currency.MinorUnits, culture) + " " + money.Currency.Code;

    public static string Date(LocalDate date) => date.ToString("d", Culture);

    public static string Date(LocalDate? date) => date is { } d ? Date(d) : "–";

    public static string Period(YearMonth period) => period.ToString("MMMM yyyy", Culture);

    public static string ShortPeriod(YearMonth period) => period.ToString("MM/yy", CultureInfo.InvariantCulture);

    public static string Quantity(decimal value, int decimals = 3) => value.ToString("N" + decimals, Culture);

    public static string Instant(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).LocalDateTime.ToString("g", Culture);
}
