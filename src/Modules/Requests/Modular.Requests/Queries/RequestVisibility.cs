using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;

namespace Modular.Requests.Queries;

/// <summary>
/// Who sees a request: whoever may see its customer (a portal user's linked customers, the kiosk's or acted-for customer,
/// staff and the system all). Another customer's request is "not found", never "forbidden".
/// </summary>
internal static class RequestVisibility
{
    /// <summary>Staff and the system see internal notes; customers never.</summary>
    public static bool SeesInternalNotes(ICurrentUser user) => user.Kind is CallerKind.Staff or CallerKind.System;

    public static Contracts.RequestSummary Summary(ServiceRequest r, NodaTime.Instant now) =>
        new(r.Id, r.Number, r.FormCode, r.Department, r.CustomerId, r.Status, r.SubmittedAt, r.DueAt, r.IsOverdue(now), r.AssignedTo, r.LastActivityAt, r.Version);

    public static async Task<ServiceRequest?> FindAsync(RequestsDbContext db, IAccessScope access, Guid requestId, bool tracking,
        CancellationToken cancellationToken)
    {
        var query = tracking ? db.Requests : db.Requests.AsNoTracking();
        var request = await query.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var scope = await access.GetAsync(cancellationToken);
        return scope.CanSeeCustomer(request.CustomerId) ? request : null;
    }
}
