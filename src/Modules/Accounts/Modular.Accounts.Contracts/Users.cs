using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

/// <summary>
/// Registers a portal user for an existing customer. The proof is the contract number or the internal code plus the
/// phone on file, as the utility configures. Whatever the email or client code already have, a well-formed request
/// with a valid proof answers the same success; the email sent explains what happened.
/// </summary>
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
public sealed record ConfirmEmail(string Token) : ICommand;

/// <summary>Sends a new confirmation link when the address belongs to an unconfirmed user; always answers success.</summary>
public sealed record ResendConfirmation(string Email) : ICommand;

/// <summary>Checks email and password; counts failures per account with a capped back-off.</summary>
public sealed record LogIn(string Email, string Password) : ICommand<LogInResult>;

/// <param name="MustAcceptTerms">The user accepted an older terms version (or none): ask for <paramref name="CurrentTermsVersion"/>.</param>
public sealed record LogInResult(Guid UserId, string Email, string Culture, bool MustAcceptTerms, string CurrentTermsVersion);

/// <summary>Emails a reset link when the address belongs to a user; always answers success.</summary>
public sealed record RequestPasswordReset(string Email) : ICommand;

public sealed record ResetPassword(string Token, string NewPassword, string NewPasswordConfirmation) : ICommand;

/// <summary>The current user changes their password; the current one is required.</summary>
public sealed record ChangePassword(string CurrentPassword, string NewPassword, string NewPasswordConfirmation) : ICommand;

/// <summary>The current user asks to move to <paramref name="NewEmail"/>; a link goes to the new address.</summary>
public sealed record RequestEmailChange(string NewEmail, string Password) : ICommand;

/// <summary>Completes an email change with the token sent to the new address; the old address is notified.</summary>
public sealed record ConfirmEmailChange(string Token) : ICommand;

/// <summary>The current user adds a client code, with the same proof as at registration.</summary>
public sealed record LinkClientCode(string ClientCode, string? ContractNumber, string? InternalCode, string? Phone) : ICommand;

/// <summary>The current user removes a client code from their account.</summary>
public sealed record UnlinkClientCode(string ClientCode) : ICommand;

/// <summary>The current user's phone and preferred language (ro, en, lv).</summary>
public sealed record UpdateProfile(string? Phone, string Culture) : ICommand;

/// <summary>Opts the current user in to the invoice by email (accepting <paramref name="ConditionsVersion"/>, the current one) or out.</summary>
public sealed record SetInvoiceByEmail(bool OptIn, string? ConditionsVersion) : ICommand;

/// <summary>The current user accepts the terms; only the current version is accepted.</summary>
public sealed record AcceptTerms(string Version) : ICommand;

/// <summary>The current user's profile with the customers they may see.</summary>
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
public sealed record EnsureDemoUser(string Email, string Password, string ClientCode) : ICommand<Guid>;

/// <summary>What the account pages need to know of the utility's settings; any caller may ask.</summary>
public sealed record GetAccountSettings : IQuery<AccountSettings>;

/// <param name="ProofIsContractNumber">Registration and linking ask for the contract number (else internal code and phone).</param>
/// <param name="TermsVersion">The terms version users accept now.</param>
/// <param name="InvoiceConditionsVersion">The invoice-by-email conditions version users accept now.</param>
public sealed record AccountSettings(bool ProofIsContractNumber, string TermsVersion, string InvoiceConditionsVersion);
