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

        var rows = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Number).Take(request.Take).ToListAsync(cancellationToken);
        return rows.Select(r => RequestVisibility.Summary(r, now)).ToList();
    }
}
