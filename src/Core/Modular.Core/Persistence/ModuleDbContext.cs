using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Modular.Core.Events;
using Modular.Core.Messaging;
using Modular.Core.Money;
using Modular.Core.Outbox;
using NodaTime;

namespace Modular.Core.Persistence;

/// <summary>
/// Base of every module's DbContext: maps the module's tables into its schema (PostgreSQL) or behind its table
/// prefix (SQLite), adds the module's outbox and inbox, and converts NodaTime and money types.
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    protected ModuleDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Lower-case module name: the PostgreSQL schema and the SQLite table prefix.</summary>
    public abstract string Schema { get; }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<ArchivedOutboxMessage> ArchivedOutboxMessages => Set<ArchivedOutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public bool IsSqlite => Database.ProviderName == ModuleNaming.SqliteProvider;

    /// <summary>Outbox rows written by this context and not yet committed: the dispatcher is woken when they are.</summary>
    internal bool OutboxWritten { get; set; }

    /// <summary>The request scope's unit of work, when the context was resolved in one; it decides the transaction a save joins.</summary>
    internal UnitOfWork? UnitOfWork { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var began = UnitOfWork?.BeforeSave(this) ?? false;
        Database.AutoSavepointsEnabled = !began;
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch when (began)
        {
            UnitOfWork!.AbandonFirstWrite();
            throw;
        }
        finally
        {
            Database.AutoSavepointsEnabled = true;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var began = UnitOfWork is { } unitOfWork && await unitOfWork.BeforeSaveAsync(this, cancellationToken);

        // The save that began the transaction needs no savepoint: if it fails, the whole fresh transaction is rolled back.
        Database.AutoSavepointsEnabled = !began;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch when (began)
        {
            // A conflict on the command's first write leaves nothing behind, so the handler may retry it (see UnitOfWork).
            await UnitOfWork!.AbandonFirstWriteAsync();
            throw;
        }
        finally
        {
            Database.AutoSavepointsEnabled = true;
        }
    }

    /// <summary>Records an integration event in this module's outbox; it is stored by the same SaveChanges as the state change.</summary>
    public void Publish(IIntegrationEvent integrationEvent)
    {
        OutboxMessages.Add(OutboxMessage.From(integrationEvent));
        OutboxWritten = true;
    }

    /// <summary>
    /// Writes many outbox rows at once, without change tracking (binary COPY on PostgreSQL, multi-row inserts on SQLite),
    /// inside this context's current transaction if there is one, and wakes the dispatcher for this store when they
    /// are committed. For bulk writers; <see cref="OutboxMessage.From"/> builds the rows (e.g. on another thread).
    /// </summary>
    public async Task WriteOutboxAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await OutboxBulkWriter.WriteAsync(this, messages, cancellationToken);
        var interceptor = this.GetService<IDbContextOptions>().Extensions.OfType<CoreOptionsExtension>()
            .SelectMany(e => e.Interceptors ?? []).OfType<OutboxSaveInterceptor>().FirstOrDefault();
        if (interceptor is null)
        {
            return; // a context built outside a host (a tool): nobody to wake
        }

        interceptor.Written(this);
    }

    /// <summary>Writes the events' outbox rows at once; see <see cref="WriteOutboxAsync(IReadOnlyCollection{OutboxMessage}, CancellationToken)"/>.</summary>
    public Task WriteOutboxAsync(IEnumerable<IIntegrationEvent> events, CancellationToken cancellationToken = default) =>
        WriteOutboxAsync(events.Select(OutboxMessage.From).ToList(), cancellationToken);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureModel(modelBuilder);
        OutboxModel.Configure(modelBuilder);
        ModuleNaming.Apply(modelBuilder, Schema, IsSqlite);
    }

    /// <summary>The module's own entity mappings.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
        configurationBuilder.Properties<YearMonth>().HaveConversion<YearMonthConverter>();
        configurationBuilder.Properties<Currency>().HaveConversion<CurrencyConverter>().HaveMaxLength(3);
    }
}
