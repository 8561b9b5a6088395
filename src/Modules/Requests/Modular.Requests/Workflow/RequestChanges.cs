using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Time;
using Modular.Requests.Catalogue;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;
using NodaTime;

namespace Modular.Requests.Workflow;

/// <summary>What every change of a request does besides itself: a history row, the version bump and the event.</summary>
internal static class RequestChanges
{
    public static void Move(RequestsDbContext db, ServiceRequest request, RequestStatus to, ICurrentUser by, Instant now, WorkingCalendar calendar,
        Guid? assignedTo = null)
    {
        var from = request.Status;
        if (to == RequestStatus.WaitingForCustomer)
        {
            request.WaitingSince = now;
        }
        else if (request.WaitingSince is { } since)
        {
            // The utility's clock stood still while the customer had the request: its due time moves by that working time.
            request.DueAt = calendar.AddWorkingTime(request.DueAt, calendar.WorkingTimeBetween(since, now));
            request.WaitingSince = null;
        }

        request.Status = to;
        request.AssignedTo = assignedTo ?? request.AssignedTo;
        request.LastActivityAt = now;
        request.Version++;
        if (to == RequestStatus.Resolved)
        {
            request.ResolvedAt = now;
        }

        var byStaff = by.Kind == CallerKind.Staff;
        db.History.Add(new RequestHistoryEntry
        {
            Id = Guid.CreateVersion7(),
            RequestId = request.Id,
            From = from,
            To = to,
            At = now,
            ById = byStaff ? by.StaffId : by.UserId,
            ByStaff = byStaff,
            AssignedTo = request.AssignedTo,
        });
        db.Publish(new RequestStatusChanged(Guid.CreateVersion7(), now, request.Id, request.Number, request.CustomerId, from, to, request.AssignedTo));
    }

    /// <summary>The due time of a request of <paramref name="form"/> registered (or reopened) at <paramref name="from"/>.</summary>
    public static Instant DueAt(FormDefinition form, Instant from, UtilityClock clock, RequestsOptions options)
    {
        var calendar = Calendar(clock, options);
        return form.TimeToResolve?.WorkingHours is { } hours
            ? calendar.AddWorkingHours(from, hours)
            : calendar.AddWorkingDays(from, form.TimeToResolve?.WorkingDays ?? 5);
    }

    /// <summary>The end of the reopening window of a resolved request.</summary>
    public static Instant? ReopenUntil(ServiceRequest request, RequestsOptions options) =>
        request.Status == RequestStatus.Resolved && request.ResolvedAt is { } resolved ? resolved.Plus(Duration.FromDays(options.ReopenDays)) : null;

    public static WorkingCalendar Calendar(UtilityClock clock, RequestsOptions options) =>
        new(clock.Zone, options.StartTime, options.EndTime, options.HolidayDates);
}
