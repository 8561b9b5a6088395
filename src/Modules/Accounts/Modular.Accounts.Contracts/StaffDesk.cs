using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

// What the back office's customer desk asks Accounts: finding a customer, the customer's page, acting on their behalf.

/// <summary>A customer found by the back office's look-up, with what matched (<c>client_code</c>, <c>contract</c>, <c>name</c>, <c>email</c>, <c>phone</c>, <c>address</c>).</summary>
public sealed record CustomerMatch(Guid CustomerId, string ClientCode, string Name, LegalType LegalType, string? Email, string? Phone, string MatchedOn);

/// <summary>
/// Finds customers by client code or contract number (exactly), or by a part of the name, an email (the customer's or a
/// linked portal user's), a phone number or an address; at most <paramref name="Take"/> (1–100), exact matches first.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersRead)]
public sealed record SearchCustomers(string Text, int Take = 25) : IQuery<IReadOnlyList<CustomerMatch>>;

/// <summary>A portal user linked to a customer, with their active sessions (never a password or a token).</summary>
public sealed record LinkedPortalUser(Guid UserId, string Email, bool Confirmed, bool InvoiceByEmail, Instant LinkedAt, Instant? LastLoginAt,
    IReadOnlyList<SessionView> Sessions);

/// <summary>The customer page of the back office: the customer, their contracts and the portal users linked to them.</summary>
public sealed record CustomerOverview(CustomerParty Customer, string? Phone, IReadOnlyList<ContractSummary> Contracts, IReadOnlyList<LinkedPortalUser> Users);

/// <summary>One customer as the back office shows it (<c>core.not_found</c> when unknown or outside the caller's scope).</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersRead)]
public sealed record GetCustomerOverview(Guid CustomerId) : IQuery<CustomerOverview>;

/// <summary>
/// The staff member starts acting on behalf of one customer in their current back-office session, for a reason (required,
/// at most 500 characters). Until <see cref="StopActingOnBehalf"/> every request of that session carries both identities,
/// sees only that customer, and is audited with both ids.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = AccountsPermissions.ActOnBehalf)]
public sealed record StartActingOnBehalf(Guid CustomerId, string Reason) : ICommand;

/// <summary>
/// Ends acting on behalf of a customer in the current session (nothing to do when not acting). Declared with the same
/// permission as starting; a staff member who lost it also stops acting when the session ends.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = AccountsPermissions.ActOnBehalf)]
public sealed record StopActingOnBehalf : ICommand;
