using Microsoft.EntityFrameworkCore;
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

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public bool IsSqlite => Database.ProviderName == ModuleNaming.SqliteProvider;

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
    public void Publish(IIntegrationEvent integrationEvent) =>
        OutboxMessages.Add(OutboxMessage.From(integrationEvent));

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
