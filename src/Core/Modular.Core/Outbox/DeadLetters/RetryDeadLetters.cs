using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Modular.Core.Platform;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Core.Outbox.DeadLetters;

internal sealed class RetryDeadLettersValidator : AbstractValidator<RetryDeadLetters>
{
    public RetryDeadLettersValidator() => RuleFor(r => r.Consumer).NotEmpty().WithErrorCode(CoreErrors.Required);
}

/// <summary>Dead letters become due now with a fresh count of attempts; the last error stays until the next attempt.</summary>
internal sealed class RetryDeadLettersHandler(CoreDbContext db, IClock clock, ILogger<RetryDeadLettersHandler> logger)
    : IRequestHandler<RetryDeadLetters, Result<int>>
{
    public async Task<Result<int>> Handle(RetryDeadLetters request, CancellationToken cancellationToken)
    {
        var dead = db.Set<OutboxDelivery>().Where(d => d.DeadAt != null && d.Consumer == request.Consumer);
        if (request.MessageId is { } id)
        {
            dead = dead.Where(d => d.MessageId == id);
        }

        var now = clock.GetCurrentInstant();
        var retried = await dead.ExecuteUpdateAsync(s => s
            .SetProperty(d => d.DeadAt, (Instant?)null)
            .SetProperty(d => d.Attempts, 0)
            .SetProperty(d => d.NextAttemptAt, now)
            .SetProperty(d => d.LockedBy, (string?)null)
            .SetProperty(d => d.LockedUntil, (Instant?)null), cancellationToken);
        if (retried == 0 && request.MessageId is not null)
        {
            return Result<int>.Failure(CoreErrors.DeadLetterNotFound);
        }

        logger.LogWarning("Outbox: {Count} dead letter(s) of {Consumer} retried", retried, request.Consumer);
        return retried;
    }
}
