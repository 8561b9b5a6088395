using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Suspense;

internal sealed class ReturnSuspenseValidator : AbstractValidator<ReturnSuspense>
{
    public ReturnSuspenseValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithErrorCode(PaymentsErrors.ReasonRequired)
            .MaximumLength(PaymentsDbContext.SuspenseNoteLength).WithErrorCode(PaymentsErrors.ReasonRequired);
    }
}

/// <summary>
/// Staff record that unmatched money goes back to the payer. Only an open entry; the version token makes a second
/// decision taken at the same moment (assign, split, return, a bank reversal) lose with "not open".
/// </summary>
internal sealed class ReturnSuspenseHandler(PaymentsDbContext db, ICurrentUser user, UtilityClock clock) : IRequestHandler<ReturnSuspense, Result>
{
    public async Task<Result> Handle(ReturnSuspense request, CancellationToken cancellationToken)
    {
        var item = await db.Suspense.SingleOrDefaultAsync(s => s.Id == request.SuspenseId, cancellationToken);
        if (item is null)
        {
            return Result.Failure(PaymentsErrors.SuspenseNotFound);
        }

        if (!item.Return(request.Reason.Trim(), user.StaffId ?? user.UserId, clock.Now))
        {
            return Result.Failure(PaymentsErrors.SuspenseNotOpen);
        }

        return await db.SaveOrConflictAsync(new Error(PaymentsErrors.SuspenseNotOpen), DbConflict.Taken, cancellationToken);
    }
}
