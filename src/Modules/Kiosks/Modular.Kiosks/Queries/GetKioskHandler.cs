using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Days;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.Queries;

/// <summary>A kiosk with its status and its recent days (those with a day row: opened by a transaction or closed), newest first.</summary>
internal sealed class GetKioskHandler(KiosksDbContext db, UtilityClock clock, IOptions<KiosksOptions> options) : IRequestHandler<GetKiosk, Result<KioskDetails>>
{
    public async Task<Result<KioskDetails>> Handle(GetKiosk request, CancellationToken cancellationToken)
    {
        var kiosk = await db.Kiosks.AsNoTracking().SingleOrDefaultAsync(k => k.Id == request.KioskId, cancellationToken);
        if (kiosk is null)
        {
            return Result<KioskDetails>.Failure(KiosksErrors.KioskNotFound);
        }

        var currency = options.Value.Currency;
        var rows = await db.Days.AsNoTracking().Where(d => d.KioskId == kiosk.Id)
            .OrderByDescending(d => d.Day).Take(options.Value.DaysShown).ToListAsync(cancellationToken);
        var shown = rows.Select(d => d.Day).ToList();
        var transactions = shown.Count == 0
            ? []
            : await db.Transactions.AsNoTracking().Where(t => t.KioskId == kiosk.Id && shown.Contains(t.Day)).ToListAsync(cancellationToken);
        var days = rows.Select(d => KioskDays.Summary(d.Day, transactions.Where(t => t.Day == d.Day), d, currency)).ToList();
        var today = (await KioskViews.ViewsAsync(db, clock, currency, [kiosk], cancellationToken))[0];
        return new KioskDetails(today, days);
    }
}
