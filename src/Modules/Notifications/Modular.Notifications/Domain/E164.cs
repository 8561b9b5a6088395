using PhoneNumbers;

namespace Modular.Notifications.Domain;

/// <summary>Phone numbers as the module stores and compares them: E.164 (<c>+40722123456</c>), parsed with libphonenumber.</summary>
internal static class E164
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164, or null when it is not a valid number (a number without country code is read in <paramref name="defaultRegion"/>).</summary>
    public static string? Normalize(string? input, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return null;
        }

        try
        {
            var number = Util.Parse(input.Trim(), defaultRegion);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
