using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Notifications;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Accounts.Sessions;
using Modular.Core.Audit;
using Modular.Core.Localization;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.ExternalSignIn;

internal sealed class RegisterWithProviderValidator : AbstractValidator<RegisterWithProvider>
{
    public RegisterWithProviderValidator(IOptions<AccountsOptions> options)
    {
        var settings = options.Value;
        RuleFor(r => r.Identity).NotNull().SetValidator(new ExternalIdentityValidator(requireNationalId: true));
        RuleFor(r => r.Email).ValidEmail();
        RuleFor(r => r.ClientCode).ClientCodeRules();
        this.ProofRules(settings, r => r.ContractNumber, r => r.InternalCode, r => r.Phone);
        RuleFor(r => r.AcceptedTermsVersion).NotEmpty().WithErrorCode(AccountsErrors.TermsNotAccepted)
            .Equal(settings.TermsVersion).WithErrorCode(AccountsErrors.TermsVersionOutdated);
        RuleFor(r => r.Culture).Must(ValidationRules.IsSupportedCulture).When(r => r.Culture is not null)
            .WithErrorCode(AccountsErrors.CultureUnsupported);
    }
}

/// <summary>What every request carrying an <see cref="ExternalIdentity"/> needs of it.</summary>
internal sealed class ExternalIdentityValidator : AbstractValidator<ExternalIdentity>
{
    public ExternalIdentityValidator(bool requireNationalId)
    {
        RuleFor(i => i.Provider).NotEmpty().MaximumLength(30).WithErrorCode(AccountsErrors.ExternalIdentityMissing);
        RuleFor(i => i.Subject).NotEmpty().MaximumLength(200).WithErrorCode(AccountsErrors.ExternalIdentityMissing);
        RuleFor(i => i.NationalId).NotEmpty().MaximumLength(50).WithErrorCode(AccountsErrors.ExternalIdentityMissing).When(_ => requireNationalId);
    }
}

/// <summary>
/// Registration through a provider. The client code's proof is checked (and limited) as at password registration; then
/// the number the provider verified must be the customer's recorded personal code, so that knowing someone's contract
/// number is not enough. Refusals change nothing. Unlike password registration it answers what went wrong: the caller has
/// just proven who they are to the provider, and the proof limits still apply.
/// </summary>
internal sealed class RegisterWithProviderHandler(
    AccountsDbContext db, ProofChecker proof, IdentityNumberHasher hasher, SessionStore sessions, IAuditTrail audit, UtilityClock clock,
    IOptions<AccountsOptions> options, IOptions<LocalizationOptions> localization, ILogger<RegisterWithProviderHandler> logger)
    : IRequestHandler<RegisterWithProvider, Result<ExternalRegistration>>
{
    public async Task<Result<ExternalRegistration>> Handle(RegisterWithProvider request, CancellationToken cancellationToken)
    {
        if (hasher.Key is null)
        {
            logger.LogError("External registration refused: Modular:Accounts:IdentityHashKey is not configured");
            return Result<ExternalRegistration>.Failure(AccountsErrors.ExternalLoginUnavailable);
        }

        var identity = request.Identity;
        var proven = await proof.CheckAsync(request.ClientCode, request.ContractNumber, request.InternalCode, request.Phone, cancellationToken);
        if (proven.IsFailure)
        {
            logger.LogInformation("External registration refused: {Code}", proven.Error.Code);
            return Result<ExternalRegistration>.Failure(proven.Errors);
        }

        var customer = proven.Value;
        if (!IdentityNumberHasher.SameNumber(identity.NationalId!, customer.PersonalCode))
        {
            logger.LogWarning("External registration refused: the identity verified by {Provider} is not customer {CustomerId}'s", identity.Provider, customer.Id);
            audit.RecordAttempt(new AuditEvent(ExternalSignInEvents.Registered, AccountsErrors.ExternalIdentityMismatch, CustomerId: customer.Id));
            return Result<ExternalRegistration>.Failure(AccountsErrors.ExternalIdentityMismatch);
        }

        if (await db.ExternalLogins.AnyAsync(l => l.Provider == identity.Provider && l.Subject == identity.Subject, cancellationToken))
        {
            return Result<ExternalRegistration>.Failure(AccountsErrors.ExternalLoginTaken);
        }

        var normalized = User.Normalize(request.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            // Only the customer (proof and identity checked) learns this: they log in and link the provider instead.
            return Result<ExternalRegistration>.Failure(new Error(AccountsErrors.ExternalEmailTaken, nameof(request.Email)));
        }

        var now = clock.Now;
        var verified = identity.EmailVerified && identity.Email is not null && User.Normalize(identity.Email) == normalized;
        var user = new User
        {
            Id = Guid.NewGuid(),
            Email = request.Email.Trim(),
            NormalizedEmail = normalized,
            // No password: the provider is the way in (a password can be set later with "forgot password").
            PasswordHash = string.Empty,
            CreatedAt = now,
            EmailConfirmedAt = verified ? now : null,
            Culture = request.Culture ?? localization.Value.DefaultCulture,
            Phone = request.Phone is null ? null : Phones.Normalize(request.Phone),
        };
        user.AcceptTerms(request.AcceptedTermsVersion!, now);
        db.Users.Add(user);
        db.UserCustomers.Add(new UserCustomer { UserId = user.Id, CustomerId = customer.Id, LinkedAt = now });
        db.ExternalLogins.Add(new ExternalLogin
        {
            Id = Guid.NewGuid(), UserId = user.Id, Provider = identity.Provider, Subject = identity.Subject,
            IdentityHash = hasher.Hash(identity.NationalId!), LinkedAt = now, LastUsedAt = verified ? now : null,
        });
        db.Publish(new UserRegistered(Guid.NewGuid(), now, user.Id, customer.Id));
        db.Publish(new ClientCodeLinked(Guid.NewGuid(), now, user.Id, customer.Id));
        if (verified)
        {
            db.Publish(new UserConfirmed(Guid.NewGuid(), now, user.Id));
        }
        else
        {
            db.Publish(new AccountEmailRequested(Guid.NewGuid(), now, user.Id, AccountEmail.ConfirmEmail));
        }

        audit.Record(new AuditEvent(ExternalSignInEvents.Registered, AuditOutcomes.Ok, user.Id, customer.Id));
        StartedSession? session = null;
        if (verified)
        {
            audit.Record(new AuditEvent(SecurityEvents.LoginSucceeded, AuditOutcomes.Ok, user.Id));
            session = sessions.Start(SessionKind.Customer, user.Id);
        }

        // Two registrations racing with one identity or one email: the unique indexes let one win.
        if ((await db.SaveOrConflictAsync(new Error(AccountsErrors.ExternalLoginTaken), DbConflict.UniqueViolation, cancellationToken)) is { IsFailure: true } lost)
        {
            return Result<ExternalRegistration>.Failure(lost.Errors);
        }

        logger.LogInformation("User {UserId} registered through {Provider} for customer {CustomerId}", user.Id, identity.Provider, customer.Id);
        var terms = options.Value.TermsVersion;
        var logIn = session is null ? null : new LogInResult(user.Id, user.Email, user.Culture, user.MustAcceptTerms(terms), terms, session);
        return new ExternalRegistration(user.Id, logIn);
    }
}
