using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;

namespace Modular.Core.Platform;

/// <summary>
/// Core's own store (schema <c>core</c>, SQLite prefix <c>core_</c>): what every host needs once, whatever modules it
/// composes – e.g. the audit trail, schedule leases, the registry of event consumers. It migrates before the modules.
/// Each mechanism adds its tables as an <see cref="IEntityTypeConfiguration{TEntity}"/> marked with
/// <see cref="ICoreEntityConfiguration"/> and a migration in <c>Platform/Migrations</c>, so mechanisms don't share a file.
/// </summary>
internal sealed class CoreDbContext(DbContextOptions<CoreDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "core";

    /// <summary>The store's name among the module stores (migrations, outbox, health).</summary>
    public const string StoreName = "Core";

    public override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CoreDbContext).Assembly,
            t => typeof(ICoreEntityConfiguration).IsAssignableFrom(t));
}

/// <summary>Marks an entity configuration that belongs to <see cref="CoreDbContext"/>.</summary>
internal interface ICoreEntityConfiguration;
