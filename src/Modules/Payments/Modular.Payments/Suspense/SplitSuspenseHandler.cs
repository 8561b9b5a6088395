using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Suspense;

internal sealed class SplitSuspenseValidator : AbstractValidator<SplitSuspense>
{
    public SplitSuspenseValidator()
    {
        RuleFor(c => c.Amounts).NotNull().WithErrorCode(PaymentsErrors.SplitPartsInvalid)
            .Must(a => a is { Count: >= 2 and <= SplitSuspense.MaxParts }).WithErrorCode(PaymentsErrors.SplitPartsInvalid);
        RuleForEach(c => c.Amounts).GreaterThan(0m).WithErrorCode(PaymentsErrors.AmountNotPositive);
    }
}

/// <summary>
/// Staff divide unmatched money into parts that add up to it exactly, in the currency's minor units. The entry closes as
/// split and each part is an open entry of its own; the version token lets one decision win.
/// </summary>
internal sealed class SplitSuspenseHandler(PaymentsDbContext db, ICurrentUser user, UtilityClock clock) : IRequestHandler<SplitSuspense, Result<IReadOnlyList<Guid>>>
{
    public async Task<Result<IReadOnlyList<Guid>>> Handle(SplitSuspense request, CancellationToken cancellationToken)
    {
        var item = await db.Suspense.SingleOrDefaultAsync(s => s.Id == request.SuspenseId, cancellationToken);
        if (item is null)
        {
            return Result<IReadOnlyList<Guid>>.Failure(PaymentsErrors.SuspenseNotFound);
        }

        if (request.Amounts.Any(a => MoneyRounding.Round(a, item.Currency) != a))
        {
            return Result<IReadOnlyList<Guid>>.Failure(PaymentsErrors.AmountTooPrecise, "Amounts");
        }

        if (request.Amounts.Sum() != item.Amount)
        {
            return Result<IReadOnlyList<Guid>>.Failure(PaymentsErrors.SplitSumDiffers, "Amounts");
        }

        var now = clock.Now;
        var parts = item.Split(request.Amounts.Select(a => (SequentialId.New(now), a)).ToList(), user.StaffId ?? user.UserId, now);
        if (parts is null)
        {
            return Result<IReadOnlyList<Guid>>.Failure(PaymentsErrors.SuspenseNotOpen);
        }

        db.Suspense.AddRange(parts);
        IReadOnlyList<Guid> ids = parts.Select(p => p.Id).ToList();
        return await db.SaveOrConflictAsync(ids, new Error(PaymentsErrors.SuspenseNotOpen), DbConflict.Taken, cancellationToken);
    }
}
