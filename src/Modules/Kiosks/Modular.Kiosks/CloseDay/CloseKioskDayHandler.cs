using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Days;
using Modular.Kiosks.Domain;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.CloseDay;

/// <summary>
/// Closes a kiosk's day once: the cash box is emptied and the report is final. The day row's unique key (a day without
/// transactions) and its version (a transaction or another close racing) make one close win; the other looks again and
/// answers the same report marked <see cref="KioskDayReport.AlreadyClosed"/>. Transactions after the close go to the next day.
/// </summary>
internal sealed class CloseKioskDayHandler(KiosksDbContext db, UtilityClock clock, ICurrentUser user, IOptions<KiosksOptions> options)
    : IRequestHandler<CloseKioskDay, Result<KioskDayReport>>
{
    public async Task<Result<KioskDayReport>> Handle(CloseKioskDay request, CancellationToken cancellationToken)
    {
        if (request.Day > clock.Today)
        {
            return Result<KioskDayReport>.Failure(KiosksErrors.DayInFuture, nameof(CloseKioskDay.Day));
        }

        return await db.RetryOnConflictAsync<KioskDayReport>(async (_, ct) =>
        {
            var kiosk = await db.Kiosks.AsNoTracking().SingleOrDefaultAsync(k => k.Id == request.KioskId, ct);
            if (kiosk is null)
            {
                return Result<KioskDayReport>.Failure(KiosksErrors.KioskNotFound);
            }

            var day = await db.Days.SingleOrDefaultAsync(d => d.KioskId == kiosk.Id && d.Day == request.Day, ct);
            if (day?.Closed == true)
            {
                return await KioskDays.ReportAsync(db, kiosk, request.Day, options.Value.Currency, ct) with { AlreadyClosed = true };
            }

            if (day is null)
            {
                day = KioskDay.Open(Guid.NewGuid(), kiosk.Id, request.Day, clock.Now);
                db.Days.Add(day);
            }

            var transactions = await db.Transactions.AsNoTracking().Where(t => t.KioskId == kiosk.Id && t.Day == request.Day).ToListAsync(ct);
            day.Close(clock.Now, user.StaffId);
            var report = KioskDays.Report(kiosk, request.Day, transactions, day, options.Value.Currency);
            db.Publish(new KioskDayClosed(Guid.NewGuid(), clock.Now, kiosk.Id, kiosk.Code, kiosk.Centre, request.Day, report.Receipts, report.Totals,
                report.CashInBox, report.Currency));
            return report;
        }, new Error(CoreErrors.Conflict), DbConflict.Taken | DbConflict.Transient, cancellationToken, attempts: 10);
    }
}
