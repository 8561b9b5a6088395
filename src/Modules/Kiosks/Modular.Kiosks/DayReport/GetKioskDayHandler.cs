using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Results;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Days;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.DayReport;

/// <summary>A kiosk's day report, open (so far) or closed.</summary>
internal sealed class GetKioskDayHandler(KiosksDbContext db, IOptions<KiosksOptions> options) : IRequestHandler<GetKioskDay, Result<KioskDayReport>>
{
    public async Task<Result<KioskDayReport>> Handle(GetKioskDay request, CancellationToken cancellationToken)
    {
        var kiosk = await db.Kiosks.AsNoTracking().SingleOrDefaultAsync(k => k.Id == request.KioskId, cancellationToken);
        return kiosk is null
            ? Result<KioskDayReport>.Failure(KiosksErrors.KioskNotFound)
            : await KioskDays.ReportAsync(db, kiosk, request.Day, options.Value.Currency, cancellationToken);
    }
}
