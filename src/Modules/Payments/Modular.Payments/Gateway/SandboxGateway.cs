using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Modular.Core.Links;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Payments.Gateway;

/// <summary>
/// The development and test gateway. Its hosted page (served by Modular.Payments.Web at <see cref="PagePath"/>) lets a tester approve or
/// decline; it then posts a callback signed with HMAC-SHA256 over <c>"{timestamp}.{raw body}"</c> in the headers
/// <see cref="TimestampHeader"/> and <see cref="SignatureHeader"/>, exactly as a real gateway would.
/// </summary>
internal sealed class SandboxGateway(IOptions<PaymentsOptions> options, IClock clock, IOptionsMonitor<LinksOptions> links) : IPaymentGateway
{
    public const string HttpClientName = "Modular.Payments.Sandbox";
    public const string TimestampHeader = "X-Sandbox-Timestamp";
    public const string SignatureHeader = "X-Sandbox-Signature";

    /// <summary>Where the web package serves the hosted page, followed by the payment's reference.</summary>
    public const string PagePath = "/payments/sandbox/pay/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, GatewayNotification> _decisions = new(StringComparer.Ordinal);
    private readonly SandboxGatewayOptions _options = options.Value.Sandbox;

    public string Name => "sandbox";

    /// <summary>
    /// The hosted page is served by the portal itself: absolute when <c>Modular:Links:Portal</c> is set, else host-relative
    /// (the browser stays on the address it used).
    /// </summary>
    public Task<GatewaySession> CreateSessionAsync(GatewaySessionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new GatewaySession(request.Reference,
            $"{links.CurrentValue.Portal?.TrimEnd('/')}{PagePath}{Uri.EscapeDataString(request.Reference)}"));

    public Task<GatewayNotification> QueryStatusAsync(string reference, Money expected, CancellationToken cancellationToken) =>
        Task.FromResult(_decisions.TryGetValue(reference, out var decision)
            ? decision
            : new GatewayNotification(reference, string.Empty, GatewayPaymentState.Pending, expected));

    public Task<GatewayRefund> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new GatewayRefund(true, "sbx-refund-" + request.IdempotencyKey, null));

    /// <summary>
    /// The tester's decision on the hosted page (also what <see cref="QueryStatusAsync"/> answers afterwards). One per
    /// payment: a second one (a replayed form, a second tab) answers null and changes nothing.
    /// </summary>
    public GatewayNotification? TryDecide(string reference, bool approve, Money amount)
    {
        var decision = new GatewayNotification(reference, "sbx-" + Guid.NewGuid().ToString("N")[..16],
            approve ? GatewayPaymentState.Approved : GatewayPaymentState.Declined, amount);
        return _decisions.TryAdd(reference, decision) ? decision : null;
    }

    public static byte[] Serialize(GatewayNotification notification) => JsonSerializer.SerializeToUtf8Bytes(new CallbackBody(
        notification.Reference, notification.TransactionId, notification.State.ToString().ToLowerInvariant(),
        notification.Amount.Amount.ToString(CultureInfo.InvariantCulture), notification.Amount.Currency.Code), Json);

    /// <summary>Headers of a signed callback for <paramref name="body"/> at the current time.</summary>
    public IReadOnlyDictionary<string, string> Sign(byte[] body)
    {
        var timestamp = clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            [TimestampHeader] = timestamp,
            [SignatureHeader] = Convert.ToHexStringLower(Signature(_options.Secret, timestamp, body)),
        };
    }

    public static byte[] Signature(string secret, string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload, prefix.Length);
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
    }

    public GatewayCallbackResult VerifyCallback(GatewayCallback callback)
    {
        var headers = new Dictionary<string, string>(callback.Headers, StringComparer.OrdinalIgnoreCase);
        if (!headers.TryGetValue(TimestampHeader, out var timestamp) || !headers.TryGetValue(SignatureHeader, out var signatureHex))
        {
            return GatewayCallbackResult.Rejected("missing signature headers");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > Instant.MaxValue.ToUnixTimeSeconds() || seconds < Instant.MinValue.ToUnixTimeSeconds())
        {
            return GatewayCallbackResult.Rejected("bad timestamp");
        }

        var age = clock.GetCurrentInstant() - Instant.FromUnixTimeSeconds(seconds);
        if (Math.Abs(age.TotalSeconds) > _options.ToleranceSeconds)
        {
            return GatewayCallbackResult.Rejected("stale timestamp");
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return GatewayCallbackResult.Rejected("bad signature");
        }

        var expected = Signature(_options.Secret, timestamp, callback.Body);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return GatewayCallbackResult.Rejected("bad signature");
        }

        try
        {
            var body = JsonSerializer.Deserialize<CallbackBody>(callback.Body, Json);
            if (body is null || string.IsNullOrEmpty(body.Reference) || !Enum.TryParse<GatewayPaymentState>(body.State, true, out var state)
                || !decimal.TryParse(body.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                || !Currency.TryParse(body.Currency, out var currency))
            {
                return GatewayCallbackResult.Rejected("unreadable body");
            }

            return GatewayCallbackResult.Valid(new GatewayNotification(body.Reference, body.TransactionId ?? string.Empty, state, new Money(amount, currency)));
        }
        catch (JsonException)
        {
            return GatewayCallbackResult.Rejected("unreadable body");
        }
    }

    private sealed record CallbackBody(string Reference, string? TransactionId, string State, string Amount, string Currency);
}
