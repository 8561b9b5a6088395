using Modular.Core.Access;
using Modular.Core.Events;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

/// <summary>
/// Closes the calling portal user's account after they proved it with their current password: their personal data in
/// Accounts is erased (email, phone, password, sessions' addresses), sessions end, API tokens are revoked, their
/// archives are deleted and their links to customers removed; the customers and everything the utility must keep stay.
/// Closing an account that is already closed changes nothing.
/// </summary>
/// <param name="Confirmed">The user ticked "close my account" (<c>accounts.close_not_confirmed</c> otherwise).</param>
[AllowedCallers(Callers.Customer)]
public sealed record CloseAccount(string Password, bool Confirmed) : ICommand;

/// <summary>
/// A portal user closed their account (<see cref="CloseAccount"/>): modules erase what they hold about the user (not
/// about the customers, which stay). <paramref name="CustomerIds"/> are the customers the user was linked to.
/// </summary>
public sealed record UserAccountClosed(Guid EventId, Instant OccurredAt, Guid UserId, IReadOnlyList<Guid> CustomerIds) : IIntegrationEvent;
