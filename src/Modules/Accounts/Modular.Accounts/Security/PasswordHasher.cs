using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Modular.Accounts.Security;

/// <summary>
/// PBKDF2-HMAC-SHA512 with a 16-byte random salt, stored as <c>pbkdf2-sha512$iterations$salt$hash</c> (base64).
/// Passwords are NFKC-normalized first (NIST SP 800-63B), so the same Unicode password typed on another keyboard matches.
/// </summary>
internal sealed class PasswordHasher(IOptions<AccountsOptions> options)
{
    private const string Scheme = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 64;

    // A real hash of a random password: verifying against it costs the same time as a real account (no timing oracle).
    private readonly Lazy<string> _dummy = new(() => Create(Guid.NewGuid().ToString(), options.Value.PasswordIterations));

    public string Hash(string password) => Create(password, options.Value.PasswordIterations);

    public PasswordCheck Verify(string storedHash, string password)
    {
        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return PasswordCheck.Wrong;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Bytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordCheck.Wrong;
        }

        return iterations < options.Value.PasswordIterations ? PasswordCheck.CorrectNeedsRehash : PasswordCheck.Correct;
    }

    /// <summary>Spends the time of one verification when there is no account to verify against.</summary>
    public void VerifyNothing(string password) => _ = Verify(_dummy.Value, password);

    private static string Create(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Bytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    private static byte[] Bytes(string password) => Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC));
}

internal enum PasswordCheck
{
    Wrong,
    Correct,
    CorrectNeedsRehash,
}
