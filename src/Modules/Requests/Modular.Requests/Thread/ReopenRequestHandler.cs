using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Catalogue;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;
using Modular.Requests.Queries;
using Modular.Requests.Workflow;

namespace Modular.Requests.Thread;

internal sealed class ReopenRequestValidator : AbstractValidator<ReopenRequest>
{
    public ReopenRequestValidator() => RuleFor(c => c.Reason).NotEmpty().WithErrorCode(RequestsErrors.ReasonRequired)
        .MaximumLength(RequestsDbContext.BodyLength).WithErrorCode(RequestsErrors.MessageTooLong);
}

/// <summary>
/// The customer reopens a resolved request within <see cref="RequestsOptions.ReopenDays"/> of its resolution: it goes back
/// to in progress with the reason as the customer's message and a new due time counted from now.
/// </summary>
internal sealed class ReopenRequestHandler(RequestsDbContext db, IAccessScope access, ICurrentUser user, UtilityClock clock, FormCatalogue catalogue,
    IOptions<RequestsOptions> options) : IRequestHandler<ReopenRequest, Result>
{
    public async Task<Result> Handle(ReopenRequest request, CancellationToken cancellationToken)
    {
        var result = await db.RetryOnConflictAsync(async (_, ct) =>
        {
            var found = await RequestVisibility.FindAsync(db, access, request.RequestId, tracking: true, ct);
            if (found is null)
            {
                return Error.Of(RequestsErrors.RequestNotFound, nameof(request.RequestId));
            }

            var now = clock.Now;
            if (RequestChanges.ReopenUntil(found, options.Value) is not { } until || now > until)
            {
                return Error.Of(RequestsErrors.ReopenNotAllowed, nameof(request.RequestId), ("days", options.Value.ReopenDays));
            }

            db.Messages.Add(new RequestMessage
            {
                Id = Guid.CreateVersion7(),
                RequestId = found.Id,
                Author = MessageAuthor.Customer,
                AuthorId = user.UserId,
                Body = request.Reason.Trim(),
                PostedAt = now,
            });
            found.ResolvedAt = null;
            if (catalogue.Find(found.FormCode) is { } form)
            {
                found.DueAt = RequestChanges.DueAt(form, now, clock, options.Value);
            }

            RequestChanges.Move(db, found, RequestStatus.InProgress, user, now, RequestChanges.Calendar(clock, options.Value));
            return Result.Success(true);
        }, ChangedMeanwhile.Error(null), DbConflict.Taken, cancellationToken);
        return result.IsSuccess ? Result.Success() : Result.Failure(result.Errors);
    }
}
