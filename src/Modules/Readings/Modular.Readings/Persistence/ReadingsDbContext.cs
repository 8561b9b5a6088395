using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Readings.Domain;

namespace Modular.Readings.Persistence;

internal sealed class ReadingsDbContext(DbContextOptions<ReadingsDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "readings";

    /// <summary>The partial index's filter: the rules read only accepted readings, so superseded history costs nothing.</summary>
    public const string AcceptedFilter = "\"Status\" = 'Accepted'";

    public override string Schema => SchemaName;

    public DbSet<Meter> Meters => Set<Meter>();

    public DbSet<Reading> Readings => Set<Reading>();

    public DbSet<WindowOpening> WindowOpenings => Set<WindowOpening>();

    public DbSet<ContractTerms> ContractTerms => Set<ContractTerms>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Meter>(e =>
        {
            e.ToTable("meters");
            e.Property(m => m.Serial).HasMaxLength(64);
            e.Property(m => m.Version).IsConcurrencyToken();
            e.HasIndex(m => m.Serial).IsUnique();
            e.HasIndex(m => m.ContractId);
        });
        modelBuilder.Entity<Reading>(e =>
        {
            e.ToTable("readings");
            e.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Quality).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.ImportKey).HasMaxLength(200);
            e.HasIndex(r => r.MeterId);
            e.HasIndex(r => r.ContractId);
            e.HasIndex(r => r.ImportKey).IsUnique();
            e.HasIndex(r => new { r.MeterId, r.ReadingDate }).HasFilter(AcceptedFilter);
        });
        modelBuilder.Entity<WindowOpening>(e =>
        {
            e.ToTable("window_openings");
            e.HasKey(w => w.Period);
            e.Property(w => w.Period).ValueGeneratedNever();
        });
        modelBuilder.Entity<ContractTerms>(e =>
        {
            e.ToTable("contract_terms");
            e.HasKey(t => t.ContractId);
        });
    }
}
