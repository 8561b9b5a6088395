using System.Globalization;
using Modular.Core.Localization;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Web.Localization;

/// <summary>
/// Money, dates and quantities in the current request's language: <see cref="CultureFormats"/> (the formatting that
/// documents, emails and messages use) with the page's culture filled in.
/// </summary>
public static class Formats
{
    /// <summary>Regional formats of the page's language: British English (day first), Romanian, Latvian.</summary>
    public static CultureInfo Culture => CultureFormats.Regional(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>Regional formats of a language (ro, en, lv).</summary>
    public static CultureInfo Regional(string language) => CultureFormats.Regional(language);

    public static string Money(Money money) => CultureFormats.Money(money, Culture);

    public static string Money(Money money, CultureInfo culture) => CultureFormats.Money(money, culture);

    public static string Date(LocalDate date) => CultureFormats.Date(date, Culture);

    public static string Date(LocalDate? date) => date is { } d ? Date(d) : "–";

    public static string Period(YearMonth period) => CultureFormats.Month(period, Culture);

    public static string ShortPeriod(YearMonth period) => period.ToString("MM/yy", CultureInfo.InvariantCulture);

    public static string Quantity(decimal value, int decimals = 3) => CultureFormats.Number(value, decimals, Culture);

    public static string Instant(Instant instant, DateTimeZone zone) => CultureFormats.DateTime(instant, zone, Culture);
}
