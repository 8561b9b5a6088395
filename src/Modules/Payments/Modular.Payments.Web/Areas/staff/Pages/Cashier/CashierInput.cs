using Modular.Core.Documents;
using Modular.Core.Localization;
using Modular.Web.Localization;

namespace Modular.Payments.Web.Staff.Cashier;

/// <summary>What the cashier's desk reads from a scanner or a keyboard.</summary>
public static class CashierInput
{
    /// <summary>
    /// The invoice number in what a scanner typed from the invoice's code (Billing prints
    /// <c>CLIENT:{code};INVOICE:{number};AMOUNT:{amount} {currency}</c>), else null.
    /// </summary>
    public static string? InvoiceNumberInCode(string text) => InvoiceCode.InvoiceNumberIn(text);

    /// <summary>The client code in the invoice's code, else null.</summary>
    public static string? ClientCodeInCode(string text) => InvoiceCode.ClientCodeIn(text);

    /// <summary>An amount typed in the page's language: digits, at most two decimals, never negative.</summary>
    public static bool TryAmount(string? text, out decimal amount) => CultureFormats.TryParseAmount(text, Formats.Culture, 2, out amount);
}
