using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

/// <summary>
/// Registers a portal user for an existing customer. The proof is the contract number or the internal code plus the
/// phone on file, as the utility configures. Whatever the email or client code already have, a well-formed request
/// with a valid proof answers the same success; the email sent explains what happened.
/// </summary>
[AllowedCallers(Callers.Anyone)]
public sealed record RegisterUser(
    string Email,
    string ClientCode,
    string? ContractNumber,
    string? InternalCode,
    string? Phone,
    string Password,
    string PasswordConfirmation,
    string? AcceptedTermsVersion,
    string? Culture = null) : ICommand;

/// <summary>Confirms an email address with the token from the confirmation link.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record ConfirmEmail(string Token) : ICommand;

/// <summary>Sends a new confirmation link when the address belongs to an unconfirmed user; always answers success.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record ResendConfirmation(string Email) : ICommand;

/// <summary>Checks email and password (failures counted per account with a capped back-off) and starts a session.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record LogIn(string Email, string Password) : ICommand<LogInResult>;

/// <param name="MustAcceptTerms">The user accepted an older terms version (or none): ask for <paramref name="CurrentTermsVersion"/>.</param>
/// <param name="Session">The server-side session the log-in started (its secret goes into the cookie).</param>
public sealed record LogInResult(Guid UserId, string Email, string Culture, bool MustAcceptTerms, string CurrentTermsVersion, StartedSession? Session = null);

/// <summary>Emails a reset link when the address belongs to a user; always answers success.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record RequestPasswordReset(string Email) : ICommand;

[AllowedCallers(Callers.Anyone)]
public sealed record ResetPassword(string Token, string NewPassword, string NewPasswordConfirmation) : ICommand;

/// <summary>The current user changes their password; the current one is required.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record ChangePassword(string CurrentPassword, string NewPassword, string NewPasswordConfirmation) : ICommand;

/// <summary>The current user asks to move to <paramref name="NewEmail"/>; a link goes to the new address.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record RequestEmailChange(string NewEmail, string Password) : ICommand;

/// <summary>Completes an email change with the token sent to the new address; the old address is notified.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record ConfirmEmailChange(string Token) : ICommand;

/// <summary>The current user adds a client code, with the same proof as at registration.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record LinkClientCode(string ClientCode, string? ContractNumber, string? InternalCode, string? Phone) : ICommand;

/// <summary>The current user removes a client code from their account.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record UnlinkClientCode(string ClientCode) : ICommand;

/// <summary>The current user's phone and preferred language (ro, en, lv).</summary>
[AllowedCallers(Callers.Customer)]
public sealed record UpdateProfile(string? Phone, string Culture) : ICommand;

/// <summary>Opts the current user in to the invoice by email (accepting <paramref name="ConditionsVersion"/>, the current one) or out.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record SetInvoiceByEmail(bool OptIn, string? ConditionsVersion) : ICommand;

/// <summary>The current user accepts the terms; only the current version is accepted.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record AcceptTerms(string Version) : ICommand;

/// <summary>The current user's profile with the customers they may see.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record GetProfile : IQuery<UserProfile>;

public sealed record UserProfile(
    Guid UserId,
    string Email,
    string? Phone,
    string Culture,
    bool InvoiceByEmail,
    string? InvoiceConditionsVersion,
    Instant? InvoiceConditionsAcceptedAt,
    string? TermsVersion,
    Instant? TermsAcceptedAt,
    bool MustAcceptTerms,
    IReadOnlyList<CustomerSummary> Customers);

/// <summary>
/// Creates a confirmed demo user with a known password linked to a client code, unless a user has the address already:
/// an existing user is answered as it is, its password and links never reset. System callers only; meant for demo data.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record EnsureDemoUser(string Email, string Password, string ClientCode) : ICommand<Guid>;

/// <summary>What the account pages need to know of the utility's settings; any caller may ask.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record GetAccountSettings : IQuery<AccountSettings>;

/// <param name="ProofIsContractNumber">Registration and linking ask for the contract number (else internal code and phone).</param>
/// <param name="TermsVersion">The terms version users accept now.</param>
/// <param name="InvoiceConditionsVersion">The invoice-by-email conditions version users accept now.</param>
/// <param name="PasswordRegistration">Customers may register with a password (else only through an external provider).</param>
public sealed record AccountSettings(bool ProofIsContractNumber, string TermsVersion, string InvoiceConditionsVersion, bool PasswordRegistration = true);
