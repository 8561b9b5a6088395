using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using Modular.Requests.Files;
using Modular.Requests.Persistence;

namespace Modular.Requests.Queries;

/// <summary>An attachment's bytes for whoever may see its request (a file of an internal note only for staff).</summary>
internal sealed class GetRequestAttachmentHandler(RequestsDbContext db, IAccessScope access, ICurrentUser user, IRequestFileStore store)
    : IRequestHandler<GetRequestAttachment, Result<AttachmentContent>>
{
    public async Task<Result<AttachmentContent>> Handle(GetRequestAttachment request, CancellationToken cancellationToken)
    {
        var found = await RequestVisibility.FindAsync(db, access, request.RequestId, tracking: false, cancellationToken);
        var attachment = found is null ? null
            : await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.AttachmentId && a.RequestId == found.Id, cancellationToken);
        if (attachment is null)
        {
            return Error.Of(RequestsErrors.AttachmentNotFound, nameof(request.AttachmentId));
        }

        if (attachment.MessageId is { } messageId && !RequestVisibility.SeesInternalNotes(user)
            && await db.Messages.AnyAsync(m => m.Id == messageId && m.Internal, cancellationToken))
        {
            return Error.Of(RequestsErrors.AttachmentNotFound, nameof(request.AttachmentId));
        }

        var content = await store.ReadAsync(attachment.StorageKey, cancellationToken);
        return content is null ? Error.Of(RequestsErrors.AttachmentNotFound, nameof(request.AttachmentId))
            : new AttachmentContent(attachment.FileName, attachment.ContentType, content);
    }
}
