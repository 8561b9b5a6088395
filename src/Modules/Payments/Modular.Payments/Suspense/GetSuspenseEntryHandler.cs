using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Suspense;

/// <summary>One entry and the parts it was split into.</summary>
internal sealed class GetSuspenseEntryHandler(PaymentsDbContext db) : IRequestHandler<GetSuspenseEntry, Result<SuspenseDetails>>
{
    public async Task<Result<SuspenseDetails>> Handle(GetSuspenseEntry request, CancellationToken cancellationToken)
    {
        var item = await db.Suspense.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.SuspenseId, cancellationToken);
        if (item is null)
        {
            return Result<SuspenseDetails>.Failure(PaymentsErrors.SuspenseNotFound);
        }

        var parts = await db.Suspense.AsNoTracking().Where(s => s.ParentId == item.Id).ToListAsync(cancellationToken);
        return new SuspenseDetails(ListSuspenseHandler.Entry(item), parts.OrderBy(p => PartNumber(p.ExternalKey)).Select(ListSuspenseHandler.Entry).ToList());
    }

    /// <summary>A part's position in its split, from its key "split:{entry}:{n}".</summary>
    private static int PartNumber(string key) => int.TryParse(key[(key.LastIndexOf(':') + 1)..], out var n) ? n : 0;
}
