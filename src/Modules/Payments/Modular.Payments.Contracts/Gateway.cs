using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Money;

namespace Modular.Payments.Contracts;

/// <summary>
/// A payment gateway's callback as it arrived at <c>/payments/callback/{Gateway}</c>: header names and the raw body. The
/// named gateway verifies it (signature, freshness) and its outcome is applied to the payment. Sent by the web endpoint in
/// a system caller's scope.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record ReceiveGatewayCallback(string Gateway, IReadOnlyDictionary<string, string> Headers, byte[] Body) : ICommand<GatewayCallbackOutcome>
{
    /// <summary>Largest callback body a host reads; a bigger one is refused unread (413).</summary>
    public const int MaxBodyBytes = 64 * 1024;
}

public enum GatewayCallbackOutcome
{
    /// <summary>Verified and applied (or already applied: callbacks are idempotent).</summary>
    Applied,

    /// <summary>No gateway of that name is registered.</summary>
    UnknownGateway,

    /// <summary>The gateway did not accept it as authentic (signature, freshness or body).</summary>
    Refused,

    /// <summary>No online payment has the callback's reference.</summary>
    UnknownPayment,

    /// <summary>The amount or currency differs from the payment's.</summary>
    Mismatch,
}

/// <summary>
/// The sandbox gateway's hosted page for an online payment: what it shows and, while the payment is pending and a browser
/// session is given, a form token for that session. Not found when the sandbox is disabled. System callers.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record GetSandboxPayment(string Reference, string? Session) : IQuery<SandboxPayment>;

public sealed record SandboxPayment(Guid PaymentId, string Reference, Money Total, PaymentStatus Status, string? FormToken);

/// <summary>
/// The tester's decision on the sandbox page. Refused (<c>payments.sandbox_token_invalid</c>,
/// <c>payments.sandbox_already_decided</c>) unless <paramref name="Token"/> was issued to <paramref name="Session"/> for this
/// payment, has not expired, and nothing was decided yet. Answers the signed callback the sandbox sends next. System callers.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record DecideSandboxPayment(string Reference, string? Session, string? Token, bool Approve) : ICommand<SandboxDecision>;

/// <summary>The callback the sandbox gateway posts now, as a real gateway would, and where the browser goes afterwards.</summary>
public sealed record SandboxDecision(Guid PaymentId, string Gateway, byte[] CallbackBody, IReadOnlyDictionary<string, string> CallbackHeaders, string ReturnUrl);
