using Modular.Requests.Contracts;
using NodaTime;

namespace Modular.Requests.Domain;

/// <summary>
/// A customer's request to a department of the utility: the form it was made with and the values typed into it, its
/// human number, the workflow state and who holds it. <see cref="Version"/> is bumped by every change, so two staff
/// members changing one request at once cannot both win.
/// </summary>
internal sealed class ServiceRequest
{
    public Guid Id { get; set; }

    /// <summary>Human number, e.g. <c>CR-2026-000123</c> (unique).</summary>
    public string Number { get; set; } = string.Empty;

    public string FormCode { get; set; } = string.Empty;

    public string Department { get; set; } = string.Empty;

    public Guid CustomerId { get; set; }

    public Guid? ContractId { get; set; }

    public Guid? MeterId { get; set; }

    public Guid? InvoiceId { get; set; }

    /// <summary>The form's values as typed (field code → text), JSON.</summary>
    public string FieldValues { get; set; } = "{}";

    public RequestStatus Status { get; set; }

    /// <summary>The channel it came through: portal, API, kiosk, staff (on the customer's behalf).</summary>
    public string Channel { get; set; } = string.Empty;

    public Guid? SubmittedByUser { get; set; }

    public Guid? SubmittedByStaff { get; set; }

    public Instant SubmittedAt { get; set; }

    public Instant DueAt { get; set; }

    public Guid? AssignedTo { get; set; }

    public Instant? ResolvedAt { get; set; }

    /// <summary>Since when the request waits for the customer: the clock towards <see cref="DueAt"/> stops meanwhile.</summary>
    public Instant? WaitingSince { get; set; }

    public Instant LastActivityAt { get; set; }

    /// <summary>The key the form generated: a second submit with it (double click, two tabs) answers the first request.</summary>
    public string IdempotencyKey { get; set; } = string.Empty;

    public int Version { get; set; }

    public bool IsOpen => Status is not (RequestStatus.Resolved or RequestStatus.Rejected);

    public bool IsOverdue(Instant now) => IsOpen && Status != RequestStatus.WaitingForCustomer && now > DueAt;
}
