using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

/// <summary>
/// A person as an external OpenID Connect provider vouched for them, read from an ID token the portal's OpenID Connect
/// handler has validated (issuer, audience, signature, expiry, nonce). Only that handler's sign-in page builds one.
/// </summary>
/// <param name="Provider">The provider's configured scheme name.</param>
/// <param name="Subject">The token's <c>sub</c>.</param>
/// <param name="NationalId">The national identity number from the provider's configured claim, when the token has one.</param>
/// <param name="EmailVerified">The provider says it verified <paramref name="Email"/>.</param>
public sealed record ExternalIdentity(string Provider, string Subject, string? NationalId, string? Email, bool EmailVerified);

/// <summary>
/// Registers a portal user through an external provider: the client code and its proof as <see cref="RegisterUser"/>,
/// and the verified national identity number must be the customer's recorded personal code. No password; no email
/// confirmation when the provider verified <paramref name="Email"/>. Sent by the portal's sign-in page only, after the
/// OpenID Connect handler validated the token the identity comes from.
/// </summary>
[AllowedCallers(Callers.Anyone)]
public sealed record RegisterWithProvider(
    ExternalIdentity Identity,
    string Email,
    string ClientCode,
    string? ContractNumber,
    string? InternalCode,
    string? Phone,
    string? AcceptedTermsVersion,
    string? Culture = null) : ICommand<ExternalRegistration>;

/// <param name="LogIn">The user is signed in at once (the provider verified the email); null when a confirmation link was emailed.</param>
public sealed record ExternalRegistration(Guid UserId, LogInResult? LogIn);

/// <summary>Starts a session for the user linked to <paramref name="Identity"/> (no password; see the module docs on the second factor).</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record LogInWithProvider(ExternalIdentity Identity) : ICommand<LogInResult>;

/// <summary>The current user links an identity at an external provider, as a further way to sign in.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record LinkExternalLogin(ExternalIdentity Identity) : ICommand;

/// <summary>The current user removes a provider; refused when it is their last way to sign in.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record UnlinkExternalLogin(string Provider) : ICommand;

/// <summary>The current user's linked providers and whether they have a password.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record GetExternalLogins : IQuery<ExternalLoginsView>;

public sealed record ExternalLoginsView(bool HasPassword, IReadOnlyList<LinkedProvider> Providers);

public sealed record LinkedProvider(string Provider, Instant LinkedAt, Instant? LastUsedAt);
