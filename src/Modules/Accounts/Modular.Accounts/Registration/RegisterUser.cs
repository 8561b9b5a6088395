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
using Modular.Core.Localization;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Registration;

internal sealed class RegisterUserValidator : AbstractValidator<RegisterUser>
{
    public RegisterUserValidator(IOptions<AccountsOptions> options, PasswordPolicy policy)
    {
        var settings = options.Value;
        if (!settings.PasswordRegistration)
        {
            // The utility registers customers only through an external provider: nothing else is worth checking.
            RuleFor(r => r.Email).Must(_ => false).WithErrorCode(AccountsErrors.PasswordRegistrationDisabled).OverridePropertyName("Registration");
            return;
        }

        RuleFor(r => r.Email).ValidEmail();
        RuleFor(r => r.ClientCode).ClientCodeRules();
        this.ProofRules(settings, r => r.ContractNumber, r => r.InternalCode, r => r.Phone);
        this.PasswordRules(policy, "Password", r => r.Password, r => r.PasswordConfirmation, r => r.Email);
        RuleFor(r => r.AcceptedTermsVersion).NotEmpty().WithErrorCode(AccountsErrors.TermsNotAccepted)
            .Equal(settings.TermsVersion).WithErrorCode(AccountsErrors.TermsVersionOutdated);
        RuleFor(r => r.Culture).Must(ValidationRules.IsSupportedCulture).When(r => r.Culture is not null)
            .WithErrorCode(AccountsErrors.CultureUnsupported);
    }
}

/// <summary>
/// Registration without account enumeration: once the input is well formed and the proof holds, every case answers the
/// same success and costs one password hash; only the email differs (confirmation link, new link, or "you already have an
/// account").
/// </summary>
internal sealed class RegisterUserHandler(
    AccountsDbContext db, ProofChecker proof, PasswordHasher hasher, UtilityClock clock, IOptions<LocalizationOptions> localization,
    ILogger<RegisterUserHandler> logger) : IRequestHandler<RegisterUser, Result>
{
    public async Task<Result> Handle(RegisterUser request, CancellationToken cancellationToken)
    {
        var hash = await hasher.HashAsync(request.Password, cancellationToken);
        var proven = await proof.CheckAsync(request.ClientCode, request.ContractNumber, request.InternalCode, request.Phone, cancellationToken);
        if (proven.IsFailure)
        {
            logger.LogInformation("Registration refused: {Code}", proven.Error.Code);
            return proven;
        }

        var customer = proven.Value;

        var now = clock.Now;
        var normalized = User.Normalize(request.Email);
        var existing = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (existing is not null)
        {
            // The address owner learns by email; the caller learns nothing. The stored password and links stay as they are.
            var kind = existing.IsConfirmed ? AccountEmail.AlreadyRegistered : AccountEmail.ConfirmEmail;
            db.Publish(new AccountEmailRequested(Guid.NewGuid(), now, existing.Id, kind, Note: Notes.Resent));
            logger.LogInformation("Registration for existing user {UserId} answered by email ({Kind})", existing.Id, kind);
            return Result.Success();
        }

        var shared = await db.UserCustomers.AnyAsync(l => l.CustomerId == customer.Id, cancellationToken);
        var user = new User
        {
            Id = Guid.NewGuid(),
            Email = request.Email.Trim(),
            NormalizedEmail = normalized,
            PasswordHash = hash,
            CreatedAt = now,
            Culture = request.Culture ?? localization.Value.DefaultCulture,
            Phone = request.Phone is null ? null : Phones.Normalize(request.Phone),
        };
        user.AcceptTerms(request.AcceptedTermsVersion!, now);
        db.Users.Add(user);
        db.UserCustomers.Add(new UserCustomer { UserId = user.Id, CustomerId = customer.Id, LinkedAt = now });
        db.Publish(new UserRegistered(Guid.NewGuid(), now, user.Id, customer.Id));
        db.Publish(new ClientCodeLinked(Guid.NewGuid(), now, user.Id, customer.Id));
        db.Publish(new AccountEmailRequested(Guid.NewGuid(), now, user.Id, AccountEmail.ConfirmEmail, Note: shared ? Notes.ClientCodeShared : null));
        if ((await db.SaveOrConflictAsync(new Error(CoreErrors.Conflict), DbConflict.UniqueViolation, cancellationToken)).IsFailure)
        {
            // A concurrent registration with the same email won; it sends the confirmation. Same answer as always.
            logger.LogInformation("Registration lost a race for an email that was registered concurrently");
            return Result.Success();
        }

        logger.LogInformation("User {UserId} registered for customer {CustomerId}", user.Id, customer.Id);
        return Result.Success();
    }
}
