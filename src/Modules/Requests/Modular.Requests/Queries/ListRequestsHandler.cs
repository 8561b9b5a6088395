using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;

namespace Modular.Requests.Queries;

internal sealed class ListRequestsValidator : AbstractValidator<ListRequests>
{
    public ListRequestsValidator() => RuleFor(q => q.Take).InclusiveBetween(1, 500).WithErrorCode(RequestsErrors.TakeInvalid);
}

/// <summary>The back office's inbox: newest first, by department, status, overdue now, assignee and customer.</summary>
internal sealed class ListRequestsHandler(RequestsDbContext db, UtilityClock clock) : IRequestHandler<ListRequests, Result<IReadOnlyList<RequestSummary>>>
{
    public async Task<Result<IReadOnlyList<RequestSummary>>> Handle(ListRequests request, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var query = db.Requests.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Department))
        {
            query = query.Where(r => r.Department == request.Department);
        }

        if (request.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (request.OverdueOnly)
        {
            query = query.Where(r => r.Status != RequestStatus.Resolved && r.Status != RequestStatus.Rejected
                && r.Status != RequestStatus.WaitingForCustomer && r.DueAt < now);
        }

        if (request.AssignedTo is { } assignee)
        {
            query = query.Where(r => r.AssignedTo == assignee);
        }

        if (request.CustomerId is { } customer)
        {
            query = query.Where(r => r.CustomerId == customer);
        }

        if (!string.IsNullOrWhiteSpace(request.Number))
        {
            // The shipped prefix is upper-case ("CR-2026-000123"); a clerk types numbers any way. Both forms use the index.
            var typed = request.Number.Trim();
            var upper = typed.ToUpperInvariant();
            query = query.Where(r => r.Number == typed || r.Number == upper);
        }

        if (!string.IsNullOrWhiteSpace(request.After))
        {
            // Keyset paging: the rows after the last one shown, in the list's order, however many came in meanwhile.
            var last = await db.Requests.AsNoTracking().Where(r => r.Number == request.After)
                .Select(r => new { r.SubmittedAt, r.Number }).SingleOrDefaultAsync(cancellationToken);
            if (last is null)
            {
                return Error.Of(RequestsErrors.RequestNotFound, nameof(request.After));
            }

            query = query.Where(r => r.SubmittedAt < last.SubmittedAt || (r.SubmittedAt == last.SubmittedAt && r.Number.CompareTo(last.Number) < 0));
        }

        var rows = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Number).Take(request.Take).ToListAsync(cancellationToken);
        return rows.Select(r => RequestVisibility.Summary(r, now)).ToList();
    }
}
