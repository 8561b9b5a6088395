using System.Globalization;
using System.Text.RegularExpressions;

namespace Modular.Core.Documents;

/// <summary>
/// The text of the code printed on an invoice (its QR): <c>CLIENT:{client code};INVOICE:{number};AMOUNT:{amount} {currency}</c>.
/// Billing writes it; the cashier's desk and the kiosk read what a keyboard-wedge scanner typed from it (here, not in a
/// Contracts package, which holds no behaviour).
/// </summary>
public static partial class InvoiceCode
{
    /// <summary>The code's text for an invoice: the client code, its number and what was due at issue.</summary>
    public static string Format(string clientCode, string invoiceNumber, decimal amount, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"CLIENT:{clientCode};INVOICE:{invoiceNumber};AMOUNT:{amount:F2} {currency}");

    /// <summary>The invoice number in a scanned code, else null.</summary>
    public static string? InvoiceNumberIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = InvoiceField().Match(text);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    /// <summary>The client code in a scanned code, else null.</summary>
    public static string? ClientCodeIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = ClientField().Match(text);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"(?:^|;)\s*INVOICE:([^;]{1,50})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex InvoiceField();

    [GeneratedRegex(@"(?:^|;)\s*CLIENT:([^;]{1,50})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex ClientField();
}
