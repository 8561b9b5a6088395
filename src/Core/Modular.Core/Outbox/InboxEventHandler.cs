using System.Data.Common;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Core.Events;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>
/// Base for a consumer of integration events: records each event in the consumer module's inbox in the same
/// transaction as its effect, so a repeated delivery (a retry, or a second instance racing) changes nothing. The
/// dispatcher hands it a batch of events at a time: the inbox rows of the whole batch are claimed in one statement
/// and the batch commits once.
/// </summary>
public abstract class InboxEventHandler<TEvent, TContext>(TContext db, IClock clock) : IIntegrationEventHandler<TEvent>, IBatchConsumer<TEvent>
    where TEvent : IIntegrationEvent
    where TContext : ModuleDbContext
{
    protected TContext Db { get; } = db;

    /// <summary>
    /// The consumer's name in the inbox and in Core's registry of consumers; stable across releases and unique in the
    /// deployment (defaults to the handler's type name). Renaming it makes a new consumer.
    /// </summary>
    protected virtual string ConsumerName => GetType().FullName!;

    /// <summary>
    /// True when the effect leaves the database (an email, a call to another system) and cannot be rolled back: the
    /// inbox rows are written before the effects, so a second delivery racing this one waits on the rows' keys and,
    /// once this one commits, does nothing; each effect's own rows are saved right after it. If an effect fails, its
    /// claim and the claims of the events after it are released, the earlier ones commit, and the outbox retries.
    /// (SQLite transactions take the database's write lock when they begin, so there deliveries are serialized anyway.)
    /// </summary>
    protected virtual bool HasOutsideEffects => false;

    /// <summary>
    /// The most events delivered in one transaction. With outside effects a process killed mid-batch repeats the
    /// batch's effects that were not committed, so that batch is kept small.
    /// </summary>
    protected virtual int MaxBatchSize => HasOutsideEffects ? 50 : 1000;

    string IOutboxConsumer.ConsumerName => ConsumerName;

    int IOutboxConsumer.MaxBatchSize => MaxBatchSize;

    public async Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var outcome = await DeliverAsync([integrationEvent], cancellationToken);
        if (outcome.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    Task<BatchOutcome> IBatchConsumer<TEvent>.DeliverBatchAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken) =>
        DeliverAsync(events, cancellationToken);

    /// <summary>Applies the event's effect to <see cref="Db"/>; Core saves it together with the inbox row.</summary>
    protected abstract Task HandleCoreAsync(TEvent integrationEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a batch of new events (never seen by this consumer) in order. The default handles them one by one, saving
    /// and forgetting tracked entities after each, so each starts as a single delivery would and sees the previous ones'
    /// rows; override it to work on the batch as a set (one query for all events) when that is equivalent. Everything
    /// commits, or nothing does.
    /// </summary>
    protected virtual async Task HandleBatchCoreAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken)
    {
        foreach (var integrationEvent in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await HandleCoreAsync(integrationEvent, cancellationToken);
            await SaveAndForgetAsync(cancellationToken);
        }
    }

    private async Task<BatchOutcome> DeliverAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken)
    {
        // Without outside effects any failure rolls the whole batch back, so EF's savepoint per SaveChanges is not needed.
        Db.Database.AutoSavepointsEnabled = HasOutsideEffects;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await ClaimAsync(events.Select(e => e.EventId), transaction, cancellationToken);
        var todo = events.Where(e => claimed.Remove(e.EventId)).ToList();
        if (!HasOutsideEffects)
        {
            await HandleBatchCoreAsync(todo, cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return BatchOutcome.AllDelivered;
        }

        for (var i = 0; i < todo.Count; i++)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                await HandleCoreAsync(todo[i], cancellationToken);
                await SaveAndForgetAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                // The effects before this event happened and keep their claims; this event and the rest are released.
                Db.ChangeTracker.Clear();
                var released = todo.Skip(i).Select(e => e.EventId).ToHashSet();
                await ReleaseAsync(released, transaction);
                await transaction.CommitAsync(CancellationToken.None);
                return new BatchOutcome(events.Select(e => e.EventId).Where(id => !released.Contains(id)).ToHashSet(), todo[i].EventId, ex);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return BatchOutcome.AllDelivered;
    }

    /// <summary>
    /// Saves one event's changes and stops tracking them: a batch's tracker would otherwise grow, and every save (and
    /// change check) walk all of it again.
    /// </summary>
    private async Task SaveAndForgetAsync(CancellationToken cancellationToken)
    {
        if (Db.ChangeTracker.Entries().Any())
        {
            await Db.SaveChangesAsync(cancellationToken);
            Db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Inserts the inbox rows the consumer does not have yet and answers their event ids. Sorted keys keep two racing
    /// batches from waiting on each other's rows in opposite orders.
    /// </summary>
    private async Task<HashSet<Guid>> ClaimAsync(IEnumerable<Guid> eventIds, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var ids = eventIds.Distinct().Order().ToArray();
        var sqlite = Db.IsSqlite;
        await using var command = Command(transaction, sqlite
            ? $"""
                INSERT INTO {Inbox} ("EventId", "Consumer", "ProcessedAt") SELECT value, @consumer, @now FROM json_each(@ids) WHERE 1
                ON CONFLICT DO NOTHING RETURNING "EventId"
                """
            : $"""
                INSERT INTO {Inbox} ("EventId", "Consumer", "ProcessedAt") SELECT id, @consumer, @now FROM unnest(@ids) AS id
                ON CONFLICT DO NOTHING RETURNING "EventId"
                """)
            .With("consumer", ConsumerName).With("now", clock.GetCurrentInstant())
            .With("ids", sqlite ? OutboxSql.SqliteJson(ids) : ids);
        var claimed = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(reader.GetGuid(0));
        }

        return claimed;
    }

    private async Task ReleaseAsync(IReadOnlyCollection<Guid> eventIds, IDbContextTransaction transaction)
    {
        var sqlite = Db.IsSqlite;
        await using var command = Command(transaction, $"""
            DELETE FROM {Inbox} WHERE "Consumer" = @consumer AND "EventId" {(sqlite ? "IN (SELECT value FROM json_each(@ids))" : "= ANY(@ids)")}
            """).With("consumer", ConsumerName).With("ids", sqlite ? OutboxSql.SqliteJson(eventIds) : eventIds.ToArray());
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private string Inbox => OutboxSql.Quote(Db, typeof(InboxMessage));

    private DbCommand Command(IDbContextTransaction transaction, string sql) =>
        Db.Database.GetDbConnection().Command(sql, transaction.GetDbTransaction(), Db.Database.GetCommandTimeout() ?? 30);
}

/// <summary>What the dispatcher needs of a consumer beyond handling one event: its stable name and its batch size.</summary>
internal interface IOutboxConsumer
{
    string ConsumerName { get; }

    int MaxBatchSize { get; }
}

/// <summary>A consumer that takes a batch of events in one transaction.</summary>
internal interface IBatchConsumer<in TEvent> : IOutboxConsumer
{
    Task<BatchOutcome> DeliverBatchAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// A batch's result: every event delivered, or (with outside effects) the ones <see cref="Delivered"/>, the one that
/// <see cref="Failed"/> with <see cref="Error"/>, and the rest untouched. A batch without outside effects that fails throws.
/// </summary>
internal sealed record BatchOutcome(IReadOnlySet<Guid>? Delivered, Guid? Failed, Exception? Error)
{
    public static readonly BatchOutcome AllDelivered = new(null, null, null);
}
