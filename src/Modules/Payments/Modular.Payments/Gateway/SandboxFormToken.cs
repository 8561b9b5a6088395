using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
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
    public const string FieldName = "token";
    public const string SessionCookie = "modular.sandbox";

    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Sandbox.Secret),
        Encoding.UTF8.GetBytes("modular.payments.sandbox-form"));

    private readonly Duration _lifetime = Duration.FromMinutes(options.Value.Sandbox.FormTokenMinutes);

    /// <summary>The browser's sandbox session (a random cookie), created on its first visit.</summary>
    public static string EnsureSession(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(SessionCookie, out var existing) && IsSession(existing))
        {
            return existing;
        }

        var session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(SessionCookie, session, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = PaymentEndpoints.DefaultPrefix + "/sandbox",
        });
        return session;
    }

    public static string? SessionOf(HttpContext context) =>
        context.Request.Cookies.TryGetValue(SessionCookie, out var session) && IsSession(session) ? session : null;

    public string Issue(Guid paymentId, string session)
    {
        var expires = (clock.GetCurrentInstant() + _lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return expires + "." + Convert.ToHexStringLower(Mac(paymentId, session, expires));
    }

    public bool IsValid(Guid paymentId, string? session, string? token)
    {
        if (session is null || string.IsNullOrEmpty(token) || token.Length > 100)
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

    private static bool IsSession(string value) => value.Length == 64 && value.All(Uri.IsHexDigit);
}
