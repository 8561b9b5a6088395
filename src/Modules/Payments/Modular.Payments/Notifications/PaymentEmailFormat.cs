using System.Globalization;
using Microsoft.Extensions.Options;
using Modular.Core.Localization;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using NodaTime;

namespace Modular.Payments.Notifications;

/// <summary>Amounts, dates and channel names as a recipient of the given language reads them.</summary>
internal sealed class PaymentEmailFormat(ITextCatalog texts, IOptions<LocalizationOptions> localization)
{
    /// <summary>One of the portal's languages: the user's own, else the utility's default.</summary>
    public string Language(string? culture)
    {
        var two = (culture ?? string.Empty).Trim().Split('-', '_')[0].ToLowerInvariant();
        return LocalizationOptions.Supported.Contains(two) ? two : localization.Value.DefaultCulture;
    }

    public static CultureInfo Regional(string language) => language switch
    {
        "ro" => CultureInfo.GetCultureInfo("ro-RO"),
        "lv" => CultureInfo.GetCultureInfo("lv-LV"),
        _ => CultureInfo.GetCultureInfo("en-GB"),
    };

    public static string Money(Money money, string language) =>
        MoneyRounding.Round(money.Amount, money.Currency).ToString("N" + money.Currency.MinorUnits, Regional(language)) + " " + money.Currency.Code;

    public static string Date(LocalDate date, string language) => date.ToString("d", Regional(language));

    public string Channel(PaymentChannel channel, string language) =>
        texts.Get("payments.channel." + channel.ToString().ToLowerInvariant(), language);
}
