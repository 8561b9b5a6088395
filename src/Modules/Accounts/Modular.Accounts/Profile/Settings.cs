using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Accounts.Access;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Profile;

internal sealed class UpdateProfileValidator : AbstractValidator<UpdateProfile>
{
    public UpdateProfileValidator(IOptions<AccountsOptions> options)
    {
        RuleFor(r => r.Phone).Must(p => Phones.IsValid(p!, options.Value.PhonePattern)).When(r => !string.IsNullOrWhiteSpace(r.Phone))
            .WithErrorCode(AccountsErrors.PhoneInvalid);
        RuleFor(r => r.Culture).Must(ValidationRules.IsSupportedCulture).WithErrorCode(AccountsErrors.CultureUnsupported);
    }
}

internal sealed class UpdateProfileHandler(AccountsDbContext db, ICurrentUser caller, UtilityClock clock) : IRequestHandler<UpdateProfile, Result>
{
    public async Task<Result> Handle(UpdateProfile request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return current;
        }

        var user = current.Value;
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : Phones.Normalize(request.Phone);
        if (user.Phone == phone && user.Culture == request.Culture)
        {
            return Result.Success();
        }

        (user.Phone, user.Culture) = (phone, request.Culture);
        user.Touch();
        db.Publish(new ContactDataChanged(Guid.NewGuid(), clock.Now, user.Id, user.Email, user.Phone, user.Culture));
        return await db.SaveOrConflictAsync(cancellationToken);
    }
}

internal sealed class SetInvoiceByEmailValidator : AbstractValidator<SetInvoiceByEmail>
{
    public SetInvoiceByEmailValidator(IOptions<AccountsOptions> options) =>
        RuleFor(r => r.ConditionsVersion).Equal(options.Value.InvoiceConditionsVersion).When(r => r.OptIn)
            .WithErrorCode(AccountsErrors.InvoiceConditionsOutdated);
}

/// <summary>Opt-in records the conditions version and time; asking for the state the user already has changes nothing.</summary>
internal sealed class SetInvoiceByEmailHandler(AccountsDbContext db, ICurrentUser caller, UtilityClock clock) : IRequestHandler<SetInvoiceByEmail, Result>
{
    public async Task<Result> Handle(SetInvoiceByEmail request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return current;
        }

        var user = current.Value;
        if (user.InvoiceByEmail == request.OptIn && (!request.OptIn || user.InvoiceConditionsVersion == request.ConditionsVersion))
        {
            return Result.Success();
        }

        var now = clock.Now;
        user.SetInvoiceByEmail(request.OptIn, request.ConditionsVersion, now);
        db.Publish(new PaperlessChanged(Guid.NewGuid(), now, user.Id, request.OptIn, request.OptIn ? request.ConditionsVersion : null));
        return await db.SaveOrConflictAsync(cancellationToken);
    }
}

internal sealed class AcceptTermsValidator : AbstractValidator<AcceptTerms>
{
    public AcceptTermsValidator(IOptions<AccountsOptions> options) =>
        RuleFor(r => r.Version).Equal(options.Value.TermsVersion).WithErrorCode(AccountsErrors.TermsVersionOutdated);
}

internal sealed class AcceptTermsHandler(AccountsDbContext db, ICurrentUser caller, UtilityClock clock) : IRequestHandler<AcceptTerms, Result>
{
    public async Task<Result> Handle(AcceptTerms request, CancellationToken cancellationToken)
    {
        var current = await db.CurrentUserAsync(caller, cancellationToken);
        if (current.IsFailure)
        {
            return current;
        }

        if (current.Value.TermsVersion == request.Version)
        {
            return Result.Success();
        }

        current.Value.AcceptTerms(request.Version, clock.Now);
        return await db.SaveOrConflictAsync(cancellationToken);
    }
}
