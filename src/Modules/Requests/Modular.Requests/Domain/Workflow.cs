using Modular.Requests.Contracts;

namespace Modular.Requests.Domain;

/// <summary>
/// The steps staff may take: submitted → assigned (by assignment) → in progress → waiting for the customer → resolved or
/// rejected; waiting goes back to in progress (the customer's reply does it too); a request may be rejected while open.
/// Resolved and rejected are final, except that the customer may reopen a resolved request for a while.
/// </summary>
internal static class Workflow
{
    private static readonly Dictionary<RequestStatus, RequestStatus[]> StaffSteps = new()
    {
        [RequestStatus.Submitted] = [RequestStatus.Rejected],
        [RequestStatus.Assigned] = [RequestStatus.InProgress, RequestStatus.Rejected],
        [RequestStatus.InProgress] = [RequestStatus.WaitingForCustomer, RequestStatus.Resolved, RequestStatus.Rejected],
        [RequestStatus.WaitingForCustomer] = [RequestStatus.InProgress, RequestStatus.Resolved, RequestStatus.Rejected],
        [RequestStatus.Resolved] = [],
        [RequestStatus.Rejected] = [],
    };

    public static bool StaffMayMove(RequestStatus from, RequestStatus to) => StaffSteps[from].Contains(to);

    public static IReadOnlyList<RequestStatus> NextSteps(RequestStatus from) => StaffSteps[from];
}
