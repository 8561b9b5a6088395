using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;

namespace Modular.Requests.Queries;

/// <summary>One visible request with its thread (internal notes only for staff), attachments and history.</summary>
internal sealed class GetRequestHandler(RequestsDbContext db, IAccessScope access, ICurrentUser user, UtilityClock clock, IOptions<RequestsOptions> options)
    : IRequestHandler<GetRequest, Result<RequestDetails>>
{
    public async Task<Result<RequestDetails>> Handle(GetRequest request, CancellationToken cancellationToken)
    {
        var found = await RequestVisibility.FindAsync(db, access, request.RequestId, tracking: false, cancellationToken);
        if (found is null)
        {
            return Error.Of(RequestsErrors.RequestNotFound, nameof(request.RequestId));
        }

        var staff = RequestVisibility.SeesInternalNotes(user);
        var messages = await db.Messages.AsNoTracking().Where(m => m.RequestId == found.Id && (staff || !m.Internal))
            .OrderBy(m => m.PostedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var visibleMessages = messages.Select(m => m.Id).ToHashSet();
        var attachments = (await db.Attachments.AsNoTracking().Where(a => a.RequestId == found.Id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
                .ToListAsync(cancellationToken))
            .Where(a => a.MessageId is null || visibleMessages.Contains(a.MessageId.Value))
            .ToList();
        var history = await db.History.AsNoTracking().Where(h => h.RequestId == found.Id).OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(cancellationToken);
        var now = clock.Now;
        var reopenUntil = Workflow.RequestChanges.ReopenUntil(found, options.Value);
        return new RequestDetails(
            RequestVisibility.Summary(found, now),
            JsonSerializer.Deserialize<Dictionary<string, string?>>(found.FieldValues) ?? [],
            found.ContractId, found.MeterId, found.InvoiceId, found.Channel,
            messages.Select(m => new RequestMessageView(m.Id, m.Author == MessageAuthor.Staff, m.AuthorId, m.Body, m.Internal, m.PostedAt)).ToList(),
            attachments.Select(a => new RequestAttachmentView(a.Id, a.MessageId, a.FieldCode, a.FileName, a.ContentType, a.Size, a.UploadedAt)).ToList(),
            history.Select(h => new RequestHistoryView(h.From, h.To, h.At, h.ByStaff, h.ById, h.AssignedTo)).ToList(),
            found.IsOpen,
            reopenUntil is { } until && until > now ? until : null);
    }
}
