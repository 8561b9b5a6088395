using Microsoft.EntityFrameworkCore.Storage;
using Modular.Core.Persistence;

namespace Modular.Core.Messaging;

/// <summary>
/// The module DbContexts used in one request scope. Each successful command saves its changes, so a command it
/// sends next sees them; the outermost command wraps those saves in a transaction it commits when it succeeds and
/// rolls back when it fails, so a refused command leaves nothing half-written.
/// </summary>
public sealed class UnitOfWork
{
    private readonly List<ModuleDbContext> _contexts = [];
    private readonly List<IDbContextTransaction> _owned = [];

    internal int Depth { get; set; }

    internal void Enlist(ModuleDbContext context)
    {
        if (!_contexts.Contains(context))
        {
            _contexts.Add(context);
        }
    }

    /// <summary>Saves a nested command's changes inside a transaction owned by the outermost command.</summary>
    internal async Task SaveNestedAsync(CancellationToken cancellationToken)
    {
        foreach (var context in _contexts.Where(c => c.ChangeTracker.HasChanges()))
        {
            if (context.Database.CurrentTransaction is null)
            {
                _owned.Add(await context.Database.BeginTransactionAsync(cancellationToken));
            }

            await context.SaveChangesAsync(cancellationToken);
        }
    }

    internal async Task CommitAsync(CancellationToken cancellationToken)
    {
        foreach (var context in _contexts.Where(c => c.ChangeTracker.HasChanges()))
        {
            await context.SaveChangesAsync(cancellationToken);
        }

        foreach (var transaction in _owned)
        {
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }

        _owned.Clear();
    }

    internal async Task DiscardAsync()
    {
        foreach (var transaction in _owned)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await transaction.DisposeAsync();
        }

        _owned.Clear();
        foreach (var context in _contexts)
        {
            context.ChangeTracker.Clear();
        }
    }
}
