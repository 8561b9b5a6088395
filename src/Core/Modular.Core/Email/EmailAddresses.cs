using System.Globalization;
using System.Text;

namespace Modular.Core.Email;

/// <summary>
/// Whether an address is one mail servers will take from us, checked before it is stored (registration, email change,
/// staff accounts, imports): an address that validates here but bounces would be retried for ever. The local part must be
/// a plain ASCII dot-atom (RFC 5321/5322: no quoted strings, no comments): the SMTP sender does not speak SMTPUTF8 and many
/// receiving servers refuse it. The domain may be internationalized: it must convert to an ASCII host name (IDNA, which
/// refuses direction overrides and other invisible characters) of letter-digit-hyphen labels with a top-level domain.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>True when <paramref name="address"/> (as typed, without surrounding spaces) can be delivered to.</summary>
    public static bool IsDeliverable(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength || address.Any(IsInvisible))
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at != address.IndexOf('@') || at == address.Length - 1)
        {
            return false;
        }

        return IsLocalPart(address[..at]) && AsciiDomain(address[(at + 1)..]) is { } domain
            && at + 1 + domain.Length <= MaxLength;
    }

    /// <summary>The domain as mail servers see it (IDNA A-labels), or null when it is not a deliverable host name.</summary>
    public static string? AsciiDomain(string domain)
    {
        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain.Normalize(NormalizationForm.FormC));
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = ascii.Split('.');
        if (ascii.Length > 253 || labels.Length < 2 || labels.Any(l => !IsLabel(l)) || labels[^1].All(char.IsAsciiDigit))
        {
            return null;
        }

        return ascii;
    }

    private static bool IsLocalPart(string local) =>
        local.Length <= MaxLocalPartLength && local.Split('.').All(atom => atom.Length > 0 && atom.All(IsAtomChar));

    private static bool IsAtomChar(char c) => char.IsAsciiLetterOrDigit(c) || LocalSpecials.Contains(c);

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>Controls, format characters (direction overrides, zero-width joiners), separators and unpaired surrogates.</summary>
    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
