using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Core.Events;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>
/// Base for a consumer of integration events: records the event in the consumer module's inbox in the same
/// transaction as its effect, so a repeated delivery (a retry, or a second instance racing) changes nothing.
/// </summary>
public abstract class InboxEventHandler<TEvent, TContext>(TContext db, IClock clock) : IIntegrationEventHandler<TEvent>
    where TEvent : IIntegrationEvent
    where TContext : ModuleDbContext
{
    protected TContext Db { get; } = db;

    /// <summary>The consumer's name in the inbox; stable across releases (defaults to the handler's type name).</summary>
    protected virtual string ConsumerName => GetType().FullName!;

    /// <summary>
    /// True when the effect leaves the database (an email, a call to another system) and cannot be rolled back: the
    /// inbox row is then written before the effect, so a second delivery racing this one waits on the row's key and,
    /// once this one commits, does nothing. If the effect fails, the claim rolls back with it and the outbox retries.
    /// (SQLite transactions take the database's write lock when they begin, so there deliveries are serialized anyway.)
    /// </summary>
    protected virtual bool HasOutsideEffects => false;

    public async Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        if (await Db.InboxMessages.AnyAsync(i => i.EventId == integrationEvent.EventId && i.Consumer == ConsumerName, cancellationToken))
        {
            return;
        }

        Db.InboxMessages.Add(new InboxMessage(integrationEvent.EventId, ConsumerName, clock.GetCurrentInstant()));
        if (HasOutsideEffects && !await ClaimAsync(transaction, cancellationToken))
        {
            return;
        }

        await HandleCoreAsync(integrationEvent, cancellationToken);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another delivery of the same event committed first: if its inbox row is there, this one is a duplicate.
            await transaction.RollbackAsync(CancellationToken.None);
            Db.ChangeTracker.Clear();
            if (!await Db.InboxMessages.AnyAsync(i => i.EventId == integrationEvent.EventId && i.Consumer == ConsumerName, cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task<bool> ClaimAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another delivery claimed the event and committed: it did (or does) the work.
            await transaction.RollbackAsync(CancellationToken.None);
            Db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Applies the event's effect to <see cref="Db"/>; Core saves it together with the inbox row.</summary>
    protected abstract Task HandleCoreAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
