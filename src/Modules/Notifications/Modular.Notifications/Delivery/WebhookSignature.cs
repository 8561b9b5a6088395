using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Notifications.Delivery;

/// <summary>
/// How the SMS provider's webhooks (delivery reports and inbound messages) are signed: lower-case hex HMAC-SHA256 with
/// <see cref="NotificationsOptions.WebhookSecret"/> over <c>{timestamp}.{body}</c>, the timestamp (unix seconds) within
/// <see cref="NotificationsOptions.WebhookToleranceSeconds"/> of now. One check for both endpoints.
/// </summary>
internal static class WebhookSignature
{
    /// <summary>The signature a provider sends.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    /// <summary>Null when the signature is good and fresh; otherwise <c>signature_invalid</c> or <c>signature_stale</c>.</summary>
    public static Error? Check(NotificationsOptions options, Instant now, string? body, string? timestamp, string? signature)
    {
        var secret = options.WebhookSecret;
        if (string.IsNullOrEmpty(secret) || signature is null || timestamp is null || !Verify(secret, timestamp, body ?? string.Empty, signature))
        {
            return Error.Of(NotificationsErrors.SignatureInvalid);
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((now - Instant.FromUnixTimeSeconds(seconds)).TotalSeconds) > options.WebhookToleranceSeconds)
        {
            return Error.Of(NotificationsErrors.SignatureStale);
        }

        return null;
    }

    /// <summary>The key of a taken signature in <c>webhook_receipts</c> (a replay collides with it).</summary>
    public static string ReceiptId(string signature) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(signature)));

    private static bool Verify(string secret, string timestamp, string body, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
