using Modular.Core.Events;
using NodaTime;

namespace Modular.Accounts.Notifications;

internal enum AccountEmail
{
    /// <summary>A (new) confirmation link for an unconfirmed user.</summary>
    ConfirmEmail,

    /// <summary>Someone registered with the address of a confirmed account: tell the owner and offer a reset link.</summary>
    AlreadyRegistered,

    PasswordReset,

    /// <summary>A confirmation link to the new address of an email change.</summary>
    ConfirmEmailChange,

    /// <summary>Notice to the old address after an email change.</summary>
    EmailChanged,

    PasswordChanged,
}

/// <summary>
/// The module's own outbox event behind every account email: the email (and its token) is produced by the consumer after
/// the command committed, so it goes out once and no raw token is ever stored, not even in the outbox.
/// </summary>
/// <param name="Address">The new address (<see cref="AccountEmail.ConfirmEmailChange"/>) or the old one (<see cref="AccountEmail.EmailChanged"/>).</param>
/// <param name="Note">Why the email is sent again, for the wording (e.g. the client code already had an account).</param>
internal sealed record AccountEmailRequested(Guid EventId, Instant OccurredAt, Guid UserId, AccountEmail Kind, string? Address = null,
    string? Note = null) : IIntegrationEvent;
