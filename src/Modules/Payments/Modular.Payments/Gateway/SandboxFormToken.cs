using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Modular.Payments.Gateway;

/// <summary>
/// The sandbox page's form token: HMAC-SHA256 over the payment id, the browser's sandbox session and an expiry, keyed by
/// a key derived from <c>Sandbox:Secret</c> (so it can never pass for a callback signature). A POST whose token was not
/// issued to this browser for this payment, or has expired, is refused; replays are stopped by the one-decision rule.
/// </summary>
internal sealed class SandboxFormToken(IOptions<PaymentsOptions> options, IClock clock)
{
    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Sandbox.Secret),
        Encoding.UTF8.GetBytes("modular.payments.sandbox-form"));

    private readonly Duration _lifetime = Duration.FromMinutes(options.Value.Sandbox.FormTokenMinutes);

    public string Issue(Guid paymentId, string session)
    {
        var expires = (clock.GetCurrentInstant() + _lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return expires + "." + Convert.ToHexStringLower(Mac(paymentId, session, expires));
    }

    public bool IsValid(Guid paymentId, string? session, string? token)
    {
        if (session is null || session.Length != 64 || !session.All(Uri.IsHexDigit) || string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires > Instant.MaxValue.ToUnixTimeSeconds() || Instant.FromUnixTimeSeconds(expires) < clock.GetCurrentInstant())
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(paymentId, session, token[..dot]), given);
    }

    private byte[] Mac(Guid paymentId, string session, string expires) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{paymentId:N}|{session}|{expires}"));

}
