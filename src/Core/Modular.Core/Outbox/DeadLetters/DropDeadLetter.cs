using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Modular.Core.Platform;
using Modular.Core.Results;

namespace Modular.Core.Outbox.DeadLetters;

internal sealed class DropDeadLetterValidator : AbstractValidator<DropDeadLetter>
{
    public DropDeadLetterValidator()
    {
        RuleFor(r => r.Consumer).NotEmpty().WithErrorCode(CoreErrors.Required);
        RuleFor(r => r.MessageId).NotEmpty().WithErrorCode(CoreErrors.Required);
    }
}

/// <summary>Deletes the dead delivery; the message leaves the outbox with the next sweep once nothing else waits for it.</summary>
internal sealed class DropDeadLetterHandler(CoreDbContext db, ILogger<DropDeadLetterHandler> logger) : IRequestHandler<DropDeadLetter, Result>
{
    public async Task<Result> Handle(DropDeadLetter request, CancellationToken cancellationToken)
    {
        var dropped = await db.Set<OutboxDelivery>()
            .Where(d => d.DeadAt != null && d.Consumer == request.Consumer && d.MessageId == request.MessageId)
            .ExecuteDeleteAsync(cancellationToken);
        if (dropped == 0)
        {
            return Result.Failure(CoreErrors.DeadLetterNotFound);
        }

        logger.LogWarning("Outbox: dead letter {MessageId} of {Consumer} dropped; the consumer will not get it", request.MessageId, request.Consumer);
        return Result.Success();
    }
}
