using FluentValidation;
using MediatR;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;
using Modular.Requests.Queries;
using Modular.Requests.Workflow;

namespace Modular.Requests.Thread;

internal sealed class PostStaffMessageValidator : AbstractValidator<PostStaffMessage>
{
    public PostStaffMessageValidator() => RuleFor(c => c.Body).NotEmpty().WithErrorCode(RequestsErrors.MessageRequired)
        .MaximumLength(RequestsDbContext.BodyLength).WithErrorCode(RequestsErrors.MessageTooLong);
}

/// <summary>
/// A staff answer (the customer sees it; <see cref="RequestMessagePosted"/> lets a notifications module tell them) or an
/// internal note (staff only, announced to nobody). Answers go to open requests; notes may be added to any.
/// </summary>
internal sealed class PostStaffMessageHandler(RequestsDbContext db, IAccessScope access, ICurrentUser user, UtilityClock clock)
    : IRequestHandler<PostStaffMessage, Result<Guid>>
{
    public async Task<Result<Guid>> Handle(PostStaffMessage request, CancellationToken cancellationToken)
    {
        return await db.RetryOnConflictAsync(async (_, ct) =>
        {
            var found = await RequestVisibility.FindAsync(db, access, request.RequestId, tracking: true, ct);
            if (found is null)
            {
                return Error.Of(RequestsErrors.RequestNotFound, nameof(request.RequestId));
            }

            if (!request.Internal && !found.IsOpen)
            {
                return Error.Of(RequestsErrors.RequestClosed, nameof(request.Body), ("status", found.Status.ToString()));
            }

            var now = clock.Now;
            var message = new RequestMessage
            {
                Id = Guid.CreateVersion7(),
                RequestId = found.Id,
                Author = MessageAuthor.Staff,
                AuthorId = user.StaffId,
                Body = request.Body.Trim(),
                Internal = request.Internal,
                PostedAt = now,
            };
            db.Messages.Add(message);
            found.LastActivityAt = now;
            if (!request.Internal)
            {
                db.Publish(new RequestMessagePosted(Guid.CreateVersion7(), now, found.Id, found.Number, found.CustomerId, message.Id, FromStaff: true));
            }

            return Result.Success(message.Id);
        }, ChangedMeanwhile.Error(null), DbConflict.Taken, cancellationToken);
    }
}
