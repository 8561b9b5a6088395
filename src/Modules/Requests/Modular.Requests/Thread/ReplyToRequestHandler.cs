using Microsoft.Extensions.Options;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;
using Modular.Requests.Queries;
using Modular.Requests.Submissions;
using Modular.Requests.Workflow;

namespace Modular.Requests.Thread;

internal sealed class ReplyToRequestValidator : AbstractValidator<ReplyToRequest>
{
    public ReplyToRequestValidator()
    {
        RuleFor(c => c.Body).NotEmpty().WithErrorCode(RequestsErrors.MessageRequired)
            .MaximumLength(RequestsDbContext.BodyLength).WithErrorCode(RequestsErrors.MessageTooLong);
        RuleFor(c => c.IdempotencyKey).MaximumLength(100).WithErrorCode(RequestsErrors.IdempotencyKeyInvalid);
        RuleFor(c => c.Attachments).NotNull().WithErrorCode(RequestsErrors.AttachmentEmpty);
    }
}

/// <summary>
/// The customer's message on an open request, with files; a reply to a request waiting for the customer moves it back to
/// in progress. The form's key makes a double submit post once (the second answers the first message).
/// </summary>
internal sealed class ReplyToRequestHandler(RequestsDbContext db, IAccessScope access, ICurrentUser user, UtilityClock clock, AttachmentIntake attachments,
    IOptions<RequestsOptions> options)
    : IRequestHandler<ReplyToRequest, Result<Guid>>
{
    public async Task<Result<Guid>> Handle(ReplyToRequest request, CancellationToken cancellationToken)
    {
        var fileErrors = attachments.Check(request.Attachments, null);
        if (fileErrors.Count > 0)
        {
            return Result<Guid>.Failure(fileErrors);
        }

        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        return await db.RetryOnConflictAsync(async (_, ct) =>
        {
            var found = await RequestVisibility.FindAsync(db, access, request.RequestId, tracking: true, ct);
            if (found is null)
            {
                return Error.Of(RequestsErrors.RequestNotFound, nameof(request.RequestId));
            }

            if (key is not null && await db.Messages.AsNoTracking().Where(m => m.RequestId == found.Id && m.IdempotencyKey == key)
                    .Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct) is { } twin)
            {
                return twin;
            }

            if (!found.IsOpen)
            {
                return Error.Of(RequestsErrors.RequestClosed, nameof(request.Body), ("status", found.Status.ToString()));
            }

            var now = clock.Now;
            var message = new RequestMessage
            {
                Id = Guid.CreateVersion7(),
                RequestId = found.Id,
                Author = MessageAuthor.Customer,
                AuthorId = user.UserId,
                Body = request.Body.Trim(),
                PostedAt = now,
                IdempotencyKey = key,
            };
            db.Messages.Add(message);
            db.Attachments.AddRange(await attachments.StoreAsync(found.Id, message.Id, request.Attachments, ct));
            found.LastActivityAt = now;
            if (found.Status == RequestStatus.WaitingForCustomer)
            {
                RequestChanges.Move(db, found, RequestStatus.InProgress, user, now, RequestChanges.Calendar(clock, options.Value));
            }

            db.Publish(new RequestMessagePosted(Guid.CreateVersion7(), now, found.Id, found.Number, found.CustomerId, message.Id, FromStaff: false));
            return Result.Success(message.Id);
        }, ChangedMeanwhile.Error(null), DbConflict.Taken, cancellationToken);
    }
}
