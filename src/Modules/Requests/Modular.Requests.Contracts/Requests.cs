using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Requests.Contracts;

/// <summary>Where a request is in its workflow (see docs/modules/requests.md).</summary>
public enum RequestStatus
{
    Submitted,
    Assigned,
    InProgress,
    WaitingForCustomer,
    Resolved,
    Rejected,
}

/// <summary>One request in a list: number, form, department, status, due time and whether it is overdue now.</summary>
public sealed record RequestSummary(
    Guid RequestId,
    string Number,
    string FormCode,
    string Department,
    Guid CustomerId,
    RequestStatus Status,
    Instant SubmittedAt,
    Instant DueAt,
    bool Overdue,
    Guid? AssignedTo,
    Instant LastActivityAt);

/// <summary>
/// The back office's inbox: requests newest first, filtered by department, status, overdue (open and past due now),
/// assignee and customer. At most <paramref name="Take"/> (1–500).
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = RequestsPermissions.Read)]
public sealed record ListRequests(
    string? Department = null,
    RequestStatus? Status = null,
    bool OverdueOnly = false,
    Guid? AssignedTo = null,
    Guid? CustomerId = null,
    int Take = 100) : IQuery<IReadOnlyList<RequestSummary>>;
