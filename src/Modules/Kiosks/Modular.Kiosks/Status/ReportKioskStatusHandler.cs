using FluentValidation;
using MediatR;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.Status;

internal sealed class ReportKioskStatusValidator : AbstractValidator<ReportKioskStatus>
{
    public ReportKioskStatusValidator()
    {
        RuleFor(c => c.PendingEntries).GreaterThanOrEqualTo(0).WithErrorCode(KiosksErrors.PendingInvalid);
        RuleFor(c => c.SoftwareVersion).MaximumLength(50).WithErrorCode(KiosksErrors.PendingInvalid);
    }
}

/// <summary>The kiosk's heartbeat: last seen now, with the entries pending on the device. A retired kiosk is not seen any more.</summary>
internal sealed class ReportKioskStatusHandler(KiosksDbContext db, UtilityClock clock) : IRequestHandler<ReportKioskStatus, Result>
{
    public async Task<Result> Handle(ReportKioskStatus request, CancellationToken cancellationToken) =>
        await db.RetryOnConflictAsync<bool>(async (_, ct) =>
        {
            var kiosk = await db.Kiosks.FindAsync([request.KioskId], ct);
            if (kiosk is null)
            {
                return Result<bool>.Failure(KiosksErrors.KioskNotFound);
            }

            if (kiosk.Retired)
            {
                return Result<bool>.Failure(KiosksErrors.KioskRetired);
            }

            kiosk.Seen(clock.Now, request.PendingEntries, request.SoftwareVersion);
            return true;
        }, new Error(CoreErrors.Conflict), DbConflict.StaleVersion | DbConflict.Transient, cancellationToken);
}
