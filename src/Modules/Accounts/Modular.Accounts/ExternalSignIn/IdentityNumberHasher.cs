using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Modular.Accounts.ExternalSignIn;

/// <summary>
/// The keyed hash links keep of a national identity number: HMAC-SHA256 under <see cref="AccountsOptions.IdentityHashKey"/>,
/// so a copy of the database alone cannot test candidate numbers (there are few enough of them to try all).
/// </summary>
internal sealed partial class IdentityNumberHasher(IOptions<AccountsOptions> options)
{
    /// <summary>The key, or null when it is not configured (then no external log-in can be stored).</summary>
    public byte[]? Key { get; } = options.Value.IdentityHashKey is { } key ? KeyOf(key) : null;

    public static byte[]? KeyOf(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var length) && length >= 32 ? buffer[..length] : null;
    }

    /// <summary>
    /// Upper case without spaces, dots and dashes, and without the ETSI semantics prefix eID brokers put before a personal
    /// number (<c>PNOLV-</c>, <c>PNORO-</c>): the customer directory's <c>1234567890123</c> and a broker's
    /// <c>PNORO-1234567890123</c> are the same person.
    /// </summary>
    public static string Normalize(string number)
    {
        var upper = number.Trim().ToUpperInvariant();
        upper = EtsiPrefix().Replace(upper, string.Empty);
        return new string(upper.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '.').ToArray());
    }

    public string Hash(string number)
    {
        var key = Key ?? throw new InvalidOperationException("Modular:Accounts:IdentityHashKey is not configured.");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Normalize(number))));
    }

    /// <summary>Whether a verified number and a customer's recorded personal code are the same number.</summary>
    public static bool SameNumber(string verified, string? recorded) =>
        !string.IsNullOrWhiteSpace(recorded) && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(Normalize(verified)), Encoding.UTF8.GetBytes(Normalize(recorded)));

    [GeneratedRegex("^PNO[A-Z]{2}-")]
    private static partial Regex EtsiPrefix();
}
