using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Modular.Core.Limits;

namespace Modular.Accounts.Security;

/// <summary>
/// PBKDF2-HMAC-SHA512 with a 16-byte random salt, stored as <c>pbkdf2-sha512$iterations$salt$hash</c> (base64).
/// Passwords are NFKC-normalized first (NIST SP 800-63B), so the same Unicode password typed on another keyboard matches.
/// Every hash computation runs through a <see cref="WorkGate"/> (<see cref="PasswordHashingOptions"/>): a login flood
/// waits in a short queue or is refused (<see cref="ServerBusyException"/>) instead of taking every core from signed-in traffic.
/// </summary>
internal sealed class PasswordHasher(IOptions<AccountsOptions> options, IOptions<PasswordHashingOptions> hashing) : IDisposable
{
    private const string Scheme = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 64;

    // A real hash of a random password: verifying against it costs the same time as a real account (no timing oracle).
    private readonly Lazy<string> _dummy = new(() => Create(Guid.NewGuid().ToString(), options.Value.PasswordIterations));

    public WorkGate Gate { get; } = new("password-hashing", hashing.Value.EffectiveMaxConcurrent, hashing.Value.MaxQueued,
        hashing.Value.RetryAfterSeconds);

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        Gate.RunAsync(() => Create(password, options.Value.PasswordIterations), cancellationToken);

    public Task<PasswordCheck> VerifyAsync(string storedHash, string password, CancellationToken cancellationToken) =>
        Gate.RunAsync(() => Verify(storedHash, password), cancellationToken);

    /// <summary>Spends the time of one verification when there is no account to verify against.</summary>
    public Task VerifyNothingAsync(string password, CancellationToken cancellationToken) =>
        Gate.RunAsync(() => Verify(_dummy.Value, password), cancellationToken);

    public void Dispose() => Gate.Dispose();

    private PasswordCheck Verify(string storedHash, string password)
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
