using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Modular.Core.Persistence;

namespace Modular.Core.Outbox;

/// <summary>
/// Wakes the dispatcher, naming the store, once outbox rows a module context wrote (by <c>Publish</c> and SaveChanges,
/// or by <c>WriteOutboxAsync</c>) are committed; a rolled-back transaction wakes nobody.
/// </summary>
internal sealed class OutboxSaveInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Called by the context after writing outbox rows outside SaveChanges.</summary>
    public void Written(ModuleDbContext context)
    {
        context.OutboxWritten = true;
        SignalIfCommitted(context);
    }

    private void SignalIfCommitted(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is ModuleDbContext { OutboxWritten: true } module)
        {
            module.OutboxWritten = false;
            signal.Notify(module.Schema);
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is ModuleDbContext module)
        {
            module.OutboxWritten = false;
        }
    }
}
