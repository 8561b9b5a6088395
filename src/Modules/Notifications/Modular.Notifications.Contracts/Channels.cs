using Modular.Core.Access;
using Modular.Core.Messaging;

namespace Modular.Notifications.Contracts;

/// <summary>What an unsubscribe link turned off.</summary>
public sealed record Unsubscribed(string Type, NotificationChannel Channel);

/// <summary>
/// The one-click unsubscribe of an email (RFC 8058; the link's <c>t</c>): turns off that one type on that channel for that
/// user. Carries its own proof (a signed, expiring token), so anyone may send it. A forged token answers
/// <c>notifications.link_invalid</c>, an expired one <c>notifications.link_expired</c>; using it again changes nothing more.
/// </summary>
[AllowedCallers(Callers.Anyone)]
public sealed record UnsubscribeByLink(string Token) : ICommand<Unsubscribed>;

/// <summary>
/// Delivery reports from the SMS provider's webhook: the raw body, its timestamp header (unix seconds) and signature header
/// (hex HMAC-SHA256 with the shared secret over <c>{timestamp}.{body}</c>). Carries its own proof, so anyone may send it; a
/// bad signature answers <c>notifications.signature_invalid</c>, a timestamp outside the tolerance
/// <c>notifications.signature_stale</c>, the same report twice <c>notifications.report_replayed</c>. Answers the number of
/// messages updated.
/// </summary>
[AllowedCallers(Callers.Anyone)]
public sealed record ReportSmsDelivery(string Body, string? Timestamp, string? Signature) : ICommand<int>;

/// <summary>Sends a verification code by SMS to the number the portal user gives (E.164 or national spelling); the number is theirs once confirmed.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record StartPhoneVerification(string Phone) : ICommand;

/// <summary>Confirms the user's number with the code sent to it; SMS can then be chosen.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record ConfirmPhone(string Code) : ICommand;
