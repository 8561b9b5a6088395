using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.Queries;

/// <summary>Every kiosk, active ones first, by centre and code.</summary>
internal sealed class ListKiosksHandler(KiosksDbContext db, UtilityClock clock, IOptions<KiosksOptions> options)
    : IRequestHandler<ListKiosks, Result<IReadOnlyList<KioskView>>>
{
    public async Task<Result<IReadOnlyList<KioskView>>> Handle(ListKiosks request, CancellationToken cancellationToken)
    {
        var kiosks = (await db.Kiosks.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(k => k.Retired).ThenBy(k => k.Centre, StringComparer.Ordinal).ThenBy(k => k.Code, StringComparer.Ordinal)
            .ToList();
        return Result.Success(await KioskViews.ViewsAsync(db, clock, options.Value.Currency, kiosks, cancellationToken));
    }
}
