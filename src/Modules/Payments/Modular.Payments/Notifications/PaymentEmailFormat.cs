using System.Globalization;
using Microsoft.Extensions.Options;
using Modular.Core.Localization;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using NodaTime;

namespace Modular.Payments.Notifications;

/// <summary>The recipient's language, channel names, and amounts and dates for what is not a template (the sandbox page).</summary>
internal sealed class PaymentEmailFormat(ITextCatalog texts, IOptions<LocalizationOptions> localization)
{
    /// <summary>One of the portal's languages: the user's own, else the utility's default.</summary>
    public string Language(string? culture)
    {
        var two = (culture ?? string.Empty).Trim().Split('-', '_')[0].ToLowerInvariant();
        return LocalizationOptions.Supported.Contains(two) ? two : localization.Value.DefaultCulture;
    }

    public static CultureInfo Regional(string language) => CultureFormats.Regional(language);

    /// <summary>Core's one money format (templates use the same through their <c>money</c> function).</summary>
    public static string Money(Money money, string language) => CultureFormats.Money(money, Regional(language));

    public static string Date(LocalDate date, string language) => CultureFormats.Date(date, Regional(language));

    public string Channel(PaymentChannel channel, string language) =>
        texts.Get("payments.channel." + channel.ToString().ToLowerInvariant(), language);
}
