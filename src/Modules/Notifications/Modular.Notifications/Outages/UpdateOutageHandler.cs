using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Outages;

internal sealed class UpdateOutageValidator : AbstractValidator<UpdateOutage>
{
    public UpdateOutageValidator()
    {
        RuleFor(c => c.Texts).NotNull().WithErrorCode(NotificationsErrors.OutageTextRequired).SetValidator(new OutageTextsValidator());
    }
}

/// <summary>
/// A new expected end and/or new texts for an open outage: one more update (its users are told once more). The version the
/// staff member saw must still be the outage's: a colleague's change meanwhile wins (<c>outages.changed_meanwhile</c>).
/// </summary>
internal sealed class UpdateOutageHandler(NotificationsDbContext db, ICurrentUser user, UtilityClock clock) : IRequestHandler<UpdateOutage, Result<int>>
{
    public async Task<Result<int>> Handle(UpdateOutage request, CancellationToken cancellationToken)
    {
        var outage = await db.Outages.SingleOrDefaultAsync(o => o.Id == request.OutageId, cancellationToken);
        if (outage is null)
        {
            return Result<int>.Failure(NotificationsErrors.OutageNotFound);
        }

        if (outage.Version != request.Version)
        {
            return Result<int>.Failure(NotificationsErrors.OutageChangedMeanwhile);
        }

        if (!outage.IsOpen)
        {
            return Result<int>.Failure(NotificationsErrors.OutageEnded);
        }

        if (request.ExpectedEnd <= outage.Start)
        {
            return Result<int>.Failure(NotificationsErrors.OutageEndBeforeStart, nameof(UpdateOutage.ExpectedEnd));
        }

        var texts = new OutageTexts(request.Texts.Ro.Trim(), request.Texts.En.Trim(), request.Texts.Lv.Trim());
        if (request.ExpectedEnd == outage.ExpectedEnd && texts == outage.Texts)
        {
            return Result<int>.Failure(NotificationsErrors.OutageNothingChanged);
        }

        var now = clock.Now;
        outage.ExpectedEnd = request.ExpectedEnd;
        (outage.TextRo, outage.TextEn, outage.TextLv) = (texts.Ro, texts.En, texts.Lv);
        outage.Updates++;
        outage.Version++;
        outage.UpdatedAt = now;
        db.OutageUpdates.Add(OutageSteps.Record(outage, OutageStep.Updated, now, user.StaffId));
        db.Publish(new OutageUpdated(Guid.CreateVersion7(), now, outage.Id, outage.Updates, outage.ExpectedEnd));
        return await db.SaveOrConflictAsync(outage.Version, new Error(NotificationsErrors.OutageChangedMeanwhile), DbConflict.All, cancellationToken);
    }
}
