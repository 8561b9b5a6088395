using Modular.Requests.Contracts;
using NodaTime;

namespace Modular.Requests.Domain;

/// <summary>One step of a request's workflow: from which status to which, when, by whom, and the assignee it named.</summary>
internal sealed class RequestHistoryEntry
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public RequestStatus? From { get; set; }

    public RequestStatus To { get; set; }

    public Instant At { get; set; }

    /// <summary>The staff member (or portal user, for a reply or a reopening) who made the change.</summary>
    public Guid? ById { get; set; }

    public bool ByStaff { get; set; }

    public Guid? AssignedTo { get; set; }
}
