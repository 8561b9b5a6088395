using System.Text.RegularExpressions;

namespace Modular.Payments.Domain;

/// <summary>
/// Card numbers must never be stored or logged. Free text that reaches us (bank remittance text, partner
/// references) is passed through <see cref="Redact"/>: any 13–19 digit run (spaces or dashes allowed) that passes
/// the Luhn check is masked.
/// </summary>
internal static partial class CardNumbers
{
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || !HasLongDigitRun(text))
        {
            return text;
        }

        return Candidate().Replace(text, m =>
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            return digits.Length is >= 13 and <= 19 && IsLuhnValid(digits) ? new string('*', digits.Length - 4) + digits[^4..] : m.Value;
        });
    }

    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Cheap pre-check so ordinary text skips the regex.</summary>
    private static bool HasLongDigitRun(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++run >= 13)
                {
                    return true;
                }
            }
            else if (c is not (' ' or '-'))
            {
                run = 0;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\d(?:[ -]?\d){12,18}")]
    private static partial Regex Candidate();
}
