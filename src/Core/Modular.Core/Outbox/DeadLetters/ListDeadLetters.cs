using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Platform;
using Modular.Core.Results;

namespace Modular.Core.Outbox.DeadLetters;

internal sealed class ListDeadLettersValidator : AbstractValidator<ListDeadLetters>
{
    public ListDeadLettersValidator()
    {
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1).WithErrorCode(CoreErrors.Invalid);
        RuleFor(r => r.PageSize).InclusiveBetween(1, 500).WithErrorCode(CoreErrors.Invalid);
    }
}

internal sealed class ListDeadLettersHandler(CoreDbContext db, OutboxRegistry registry) : IRequestHandler<ListDeadLetters, Result<DeadLetterPage>>
{
    private const int MaxErrorLength = 2000;

    public async Task<Result<DeadLetterPage>> Handle(ListDeadLetters request, CancellationToken cancellationToken)
    {
        var dead = db.Set<OutboxDelivery>().AsNoTracking().Where(d => d.DeadAt != null);
        if (!string.IsNullOrEmpty(request.Consumer))
        {
            dead = dead.Where(d => d.Consumer == request.Consumer);
        }

        var total = await dead.CountAsync(cancellationToken);
        var rows = await dead.OrderBy(d => d.DeadAt).ThenBy(d => d.MessageId)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .ToListAsync(cancellationToken);
        var types = new Dictionary<Guid, string>();
        foreach (var store in rows.GroupBy(r => r.Store))
        {
            foreach (var (id, type) in await registry.TypesAsync(store.Key, store.Select(r => r.MessageId).ToList(), cancellationToken))
            {
                types[id] = type;
            }
        }

        var items = rows.Select(r => new DeadLetter(r.Store, r.MessageId, r.Consumer, types.GetValueOrDefault(r.MessageId), r.OccurredAt,
            r.Attempts, r.DeadAt!.Value, r.LastError is { Length: > MaxErrorLength } e ? e[..MaxErrorLength] : r.LastError)).ToList();
        return new DeadLetterPage(items, total, request.Page, request.PageSize);
    }
}
