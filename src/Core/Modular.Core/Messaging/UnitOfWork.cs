using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Audit;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using Modular.Core.Platform;

namespace Modular.Core.Messaging;

/// <summary>
/// The module DbContexts used in one request scope, and the one transaction a command's writes share. The first write of
/// the outermost command (a save of any module's context) begins a transaction on one connection and every context of
/// the scope joins it, including contexts first used later; so a command's writes in several modules, its outbox
/// messages and its audit row commit together, or roll back together when the command fails or throws. Set-based
/// updates made before that first save commit on their own (the login back-off relies on it). Handlers marked
/// <see cref="OwnTransactionsAttribute"/> (batch jobs) commit their own work as before.
/// </summary>
internal sealed class UnitOfWork(IServiceProvider services, OutboxSignal outboxSignal)
{
    private readonly List<ModuleDbContext> _contexts = [];
    private readonly List<AuditEntry> _attempts = [];
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private ModuleDbContext? _opener;
    private bool _finishing;

    /// <summary>Commands in progress in this scope (nested commands count too).</summary>
    internal int Depth { get; set; }

    /// <summary>Requests of any kind in progress: only the outermost one is checked against its declaration.</summary>
    internal int RequestDepth { get; set; }

    /// <summary>The outermost command's handler commits its own work: no shared transaction for it.</summary>
    internal bool OwnTransactions { get; set; }

    /// <summary>The audit row of the outermost command, written in its transaction when it succeeds.</summary>
    internal PendingAudit? CommandAudit { get; set; }

    internal bool InCommand => Depth > 0;

    internal void Enlist(ModuleDbContext context)
    {
        if (_contexts.Contains(context))
        {
            return;
        }

        _contexts.Add(context);
        context.UnitOfWork = this;
        if (_transaction is not null)
        {
            Join(context);
        }
    }

    /// <summary>An audit row that is part of the command's changes: committed with them, discarded with them.</summary>
    internal void Track(AuditEntry entry) => Core().Set<AuditEntry>().Add(entry);

    /// <summary>Audit rows that stand whatever the command's outcome; written once it has committed or rolled back.</summary>
    internal void AddAttempt(AuditEntry entry) => _attempts.Add(entry);

    /// <summary>Begins the shared transaction before the command's first save; answers whether this save began it.</summary>
    internal async Task<bool> BeforeSaveAsync(ModuleDbContext context, CancellationToken cancellationToken)
    {
        if (!NeedsTransaction(context))
        {
            return false;
        }

        Prepare(context);
        await context.Database.OpenConnectionAsync(cancellationToken);
        _transaction = await _connection!.BeginTransactionAsync(cancellationToken);
        JoinAll();
        return true;
    }

    internal bool BeforeSave(ModuleDbContext context)
    {
        if (!NeedsTransaction(context))
        {
            return false;
        }

        Prepare(context);
        context.Database.OpenConnection();
        _transaction = _connection!.BeginTransaction();
        JoinAll();
        return true;
    }

    /// <summary>
    /// The save that began the transaction failed (a conflict a handler may retry): nothing of the command is in it yet, so
    /// it is rolled back and the command goes on as if it had not written, and the retry begins a new one.
    /// </summary>
    internal async Task AbandonFirstWriteAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(CancellationToken.None);
            await EndTransactionAsync();
        }
    }

    internal void AbandonFirstWrite()
    {
        if (_transaction is not null)
        {
            _transaction.Rollback();
            foreach (var context in _contexts.Where(c => ReferenceEquals(c.Database.CurrentTransaction?.GetDbTransaction(), _transaction)))
            {
                context.Database.UseTransaction(null);
            }

            _transaction.Dispose();
            _transaction = null;
            _opener?.Database.CloseConnection();
            _opener = null;
        }
    }

    /// <summary>Saves a nested command's changes (inside the shared transaction), so the command that sent it sees them.</summary>
    internal async Task SaveNestedAsync(CancellationToken cancellationToken)
    {
        foreach (var context in _contexts.Where(c => c.ChangeTracker.HasChanges()).ToList())
        {
            await context.SaveChangesAsync(cancellationToken);
        }
    }

    internal async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (CommandAudit is { } audit)
        {
            Core().Set<AuditEntry>().Add(audit.Entry);
        }

        foreach (var context in _contexts.Where(c => c.ChangeTracker.HasChanges()).ToList())
        {
            await context.SaveChangesAsync(cancellationToken);
        }

        if (_transaction is not null)
        {
            await _transaction.CommitAsync(cancellationToken);
            await EndTransactionAsync();
        }

        if (CommandAudit is { } written)
        {
            written.Written = true;
        }

        // The transaction was committed on the connection, not through a context, so the outbox interceptor cannot see it.
        foreach (var context in _contexts.Where(c => c.OutboxWritten))
        {
            context.OutboxWritten = false;
            outboxSignal.Notify(context.Schema);
        }

        await WriteAttemptsAsync();
    }

    internal async Task DiscardAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(CancellationToken.None);
            await EndTransactionAsync();
        }

        foreach (var context in _contexts)
        {
            context.OutboxWritten = false;
            context.ChangeTracker.Clear();
        }

        await WriteAttemptsAsync();
    }

    /// <summary>Writes audit rows outside any command transaction (refusals, attempts, events recorded outside a command).</summary>
    internal async Task WriteNowAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var core = Core();
        _finishing = true;
        try
        {
            core.Set<AuditEntry>().AddRange(entries);
            await core.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _finishing = false;
            foreach (var entry in entries)
            {
                core.Entry(entry).State = EntityState.Detached;
            }
        }
    }

    private bool NeedsTransaction(ModuleDbContext context)
    {
        // A context inside a transaction of its own (an inbox consumer, a batch writer) stays out of the shared one.
        return Depth > 0 && !OwnTransactions && !_finishing && _transaction is null && context.Database.CurrentTransaction is null;
    }

    private void Prepare(ModuleDbContext trigger)
    {
        // The first context that writes lends its connection to the scope; the others move onto it while they are closed.
        _connection ??= trigger.Database.GetDbConnection();
        if (!ReferenceEquals(trigger.Database.GetDbConnection(), _connection))
        {
            trigger.Database.SetDbConnection(_connection, contextOwnsConnection: false);
        }

        _opener = trigger;
    }

    private void JoinAll()
    {
        foreach (var context in _contexts)
        {
            Join(context);
        }
    }

    private void Join(ModuleDbContext context)
    {
        if (context.Database.CurrentTransaction is not null)
        {
            return;
        }

        if (!ReferenceEquals(context.Database.GetDbConnection(), _connection))
        {
            context.Database.SetDbConnection(_connection, contextOwnsConnection: false);
        }

        context.Database.UseTransaction(_transaction);
    }

    private async Task EndTransactionAsync()
    {
        foreach (var context in _contexts)
        {
            if (ReferenceEquals(context.Database.CurrentTransaction?.GetDbTransaction(), _transaction))
            {
                await context.Database.UseTransactionAsync(null);
            }
        }

        await _transaction!.DisposeAsync();
        _transaction = null;
        if (_opener is not null)
        {
            await _opener.Database.CloseConnectionAsync();
            _opener = null;
        }
    }

    private async Task WriteAttemptsAsync()
    {
        if (_attempts.Count == 0)
        {
            return;
        }

        var attempts = _attempts.ToList();
        _attempts.Clear();
        await WriteNowAsync(attempts, CancellationToken.None);
    }

    private CoreDbContext Core() => services.GetRequiredService<CoreDbContext>();
}

/// <summary>A command's audit row until it is written (with the command's commit, or afterwards when it failed).</summary>
internal sealed class PendingAudit(AuditEntry entry)
{
    public AuditEntry Entry { get; } = entry;

    public bool Written { get; set; }
}
