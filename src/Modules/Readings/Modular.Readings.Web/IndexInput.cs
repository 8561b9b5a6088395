using System.Globalization;

namespace Modular.Readings.Web;

/// <summary>
/// A meter index as people type it from the dial: digits with a decimal comma or point, spaces ignored. Indexes have no
/// thousands separators on the dial, so either mark can only be the decimal one – unlike amounts, nothing is ambiguous.
/// </summary>
internal static class IndexInput
{
    public static bool TryParse(string? text, out decimal index)
    {
        var normalized = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out index);
    }
}
