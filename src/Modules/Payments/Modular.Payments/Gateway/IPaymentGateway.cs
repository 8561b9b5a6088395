using Modular.Core.Money;

namespace Modular.Payments.Gateway;

/// <summary>
/// The gateway port. Card data never touches us: the gateway hosts the payment page, tells us the outcome by a
/// signed callback (the source of truth) and answers status queries for payments left pending. An adapter for a
/// real acquirer implements this interface and is registered in place of the sandbox (see docs/modules/payments.md).
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Short lower-case name; callbacks arrive at <c>{prefix}/callback/{Name}</c>.</summary>
    string Name { get; }

    /// <summary>Creates a hosted payment session for <see cref="GatewaySessionRequest.Reference"/>; should be idempotent by reference.</summary>
    Task<GatewaySession> CreateSessionAsync(GatewaySessionRequest request, CancellationToken cancellationToken);

    /// <summary>Checks a callback's authenticity (signature, freshness) on the raw bytes and reads it. Never throws for bad input.</summary>
    GatewayCallbackResult VerifyCallback(GatewayCallback callback);

    /// <summary>The gateway's view of a payment, for reconciliation.</summary>
    Task<GatewayNotification> QueryStatusAsync(string reference, Money expected, CancellationToken cancellationToken);

    /// <summary>Refunds part or all of a settled payment; should be idempotent by <see cref="GatewayRefundRequest.IdempotencyKey"/>.</summary>
    Task<GatewayRefund> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken);
}

public sealed record GatewaySessionRequest(Guid PaymentId, string Reference, Money Amount, string Description, string ReturnUrl);

public sealed record GatewaySession(string SessionId, string RedirectUrl);

/// <summary>A callback as received: header names (case-insensitive lookup) and the raw body bytes, unparsed.</summary>
public sealed record GatewayCallback(IReadOnlyDictionary<string, string> Headers, byte[] Body);

public enum GatewayPaymentState
{
    Pending,
    Approved,
    Declined,
}

/// <summary>What the gateway says about a payment: our reference, its transaction id, the state and the amount it took.</summary>
public sealed record GatewayNotification(string Reference, string TransactionId, GatewayPaymentState State, Money Amount);

public sealed record GatewayCallbackResult(GatewayNotification? Notification, string? RejectionReason)
{
    public bool IsValid => Notification is not null;

    public static GatewayCallbackResult Valid(GatewayNotification notification) => new(notification, null);

    public static GatewayCallbackResult Rejected(string reason) => new(null, reason);
}

public sealed record GatewayRefundRequest(string Reference, string TransactionId, Money Amount, string Reason, string IdempotencyKey);

public sealed record GatewayRefund(bool Succeeded, string? RefundId, string? FailureReason);
