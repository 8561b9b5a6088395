using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Core.PersonalData;
using Modular.Requests.Persistence;

namespace Modular.Requests.PersonalData;

/// <summary>
/// Requests' section of a portal user's archive: the linked customers' requests with the values typed into their forms,
/// and the messages the customer can see (internal notes are the utility's working notes, not shown there either).
/// </summary>
internal sealed class RequestsPersonalDataSection(RequestsDbContext db) : IPersonalDataSection
{
    public string Name => "requests";

    public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
    {
        var customers = subject.CustomerIds.ToList();
        var requests = db.Requests.AsNoTracking().Where(r => customers.Contains(r.CustomerId)).OrderBy(r => r.SubmittedAt).AsAsyncEnumerable();
        await writer.WriteCsvAsync("requests", "Your requests to the utility: number, form, department, status, dates and the values you typed in",
            ["request_id", "number", "form", "department", "status", "channel", "submitted_at", "due_at", "resolved_at", "values"], requests,
            r => [r.Id.ToString(), r.Number, r.FormCode, r.Department, r.Status.ToString(), r.Channel, Time(r.SubmittedAt), Time(r.DueAt),
                r.ResolvedAt is { } resolved ? Time(resolved) : null, r.FieldValues], cancellationToken);

        var messages = db.Messages.AsNoTracking()
            .Where(m => !m.Internal && db.Requests.Any(r => r.Id == m.RequestId && customers.Contains(r.CustomerId)))
            .OrderBy(m => m.RequestId).ThenBy(m => m.PostedAt).AsAsyncEnumerable();
        await writer.WriteCsvAsync("messages", "The messages of those requests between you and the utility",
            ["message_id", "request_id", "from", "posted_at", "text"], messages,
            m => [m.Id.ToString(), m.RequestId.ToString(), m.Author.ToString().ToLowerInvariant(), Time(m.PostedAt), m.Body], cancellationToken);

        var files = db.Attachments.AsNoTracking()
            .Where(a => db.Requests.Any(r => r.Id == a.RequestId && customers.Contains(r.CustomerId))
                && (a.MessageId == null || db.Messages.Any(m => m.Id == a.MessageId && !m.Internal)))
            .OrderBy(a => a.RequestId).ThenBy(a => a.UploadedAt).AsAsyncEnumerable();
        await writer.WriteCsvAsync("attachments", "The files sent with those requests (names and sizes; download them from the request's page)",
            ["attachment_id", "request_id", "file_name", "type", "bytes", "uploaded_at"], files,
            a => [a.Id.ToString(), a.RequestId.ToString(), a.FileName, a.ContentType, a.Size.ToString(CultureInfo.InvariantCulture), Time(a.UploadedAt)],
            cancellationToken);
    }

    private static string Time(NodaTime.Instant instant) => instant.ToString(null, CultureInfo.InvariantCulture);
}
