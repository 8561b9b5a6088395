using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Acts;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;

namespace Modular.Requests.ActEntry;

/// <summary>Every rule of <see cref="ActRules"/>, each on its field, before anything is looked up.</summary>
internal sealed class RegisterActValidator : AbstractValidator<RegisterAct>
{
    public RegisterActValidator(UtilityClock clock, IOptions<RequestsOptions> options) =>
        RuleFor(c => c).Custom((act, context) =>
        {
            foreach (var error in ActRules.Check(act, clock.Today, options.Value.ActDocumentMaxBytes))
            {
                context.AddFailure(new ValidationFailure(error.Field, error.Code)
                {
                    ErrorCode = error.Code,
                    FormattedMessagePlaceholderValues = error.Arguments.ToDictionary(a => a.Key, a => a.Value),
                });
            }
        });
}

/// <summary>
/// An act entered by staff: the contract by its number through Accounts, then stored with its readings and document, and
/// <see cref="ActRegistered"/> published. Idempotent by number: the same act again answers the stored one; another act under a
/// stored number is refused. A twin submit that saves first is found again after the unique number refuses ours.
/// </summary>
internal sealed class RegisterActHandler(RequestsDbContext db, ActWriter writer, IMediator mediator, ICurrentUser user)
    : IRequestHandler<RegisterAct, Result<ActRegistration>>
{
    public async Task<Result<ActRegistration>> Handle(RegisterAct request, CancellationToken cancellationToken)
    {
        var act = ActRules.Normalized(request);
        var contracts = await mediator.Send(new FindContractsByNumber([act.ContractNumber]), cancellationToken);
        if (contracts.IsFailure)
        {
            return Result<ActRegistration>.From(contracts);
        }

        if (contracts.Value.FirstOrDefault(c => c.ContractNumber == act.ContractNumber) is not { } contract)
        {
            return Error.Of(RequestsErrors.ActContractNotFound, nameof(RegisterAct.ContractNumber));
        }

        var (outcome, stored, _) = await writer.AddAsync(act, contract, ActSource.Staff, user.StaffId, cancellationToken);
        if (outcome == ActWriteOutcome.Changed)
        {
            return Error.Of(RequestsErrors.ActNumberTaken, nameof(RegisterAct.Number), ("number", act.Number));
        }

        var answer = new ActRegistration(stored.Id, stored.Number, AlreadyRegistered: outcome == ActWriteOutcome.Unchanged);
        return await db.SaveOrConflictAsync(answer, async ct =>
        {
            // A twin submit stored the number first: the same act answers it, another one is refused.
            var twin = await db.Acts.AsNoTracking().SingleOrDefaultAsync(a => a.Number == act.Number, ct);
            if (twin is null)
            {
                return null;
            }

            return twin.Fingerprint == stored.Fingerprint
                ? new ActRegistration(twin.Id, twin.Number, AlreadyRegistered: true)
                : Result<ActRegistration>.Failure(Error.Of(RequestsErrors.ActNumberTaken, nameof(RegisterAct.Number), ("number", act.Number)));
        }, Error.Of(RequestsErrors.ActNumberTaken, nameof(RegisterAct.Number), ("number", act.Number)), DbConflict.UniqueViolation, cancellationToken);
    }
}
