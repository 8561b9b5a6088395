using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Kiosks.Domain;

namespace Modular.Kiosks.Persistence;

internal sealed class KiosksDbContext(DbContextOptions<KiosksDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "kiosks";

    public const int CodeLength = 32;

    public const int CentreLength = 100;

    public const int NameLength = 100;

    public override string Schema => SchemaName;

    public DbSet<Kiosk> Kiosks => Set<Kiosk>();

    public DbSet<KioskDay> Days => Set<KioskDay>();

    public DbSet<KioskTransaction> Transactions => Set<KioskTransaction>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Kiosk>(e =>
        {
            e.ToTable("kiosks");
            e.Property(k => k.Code).HasMaxLength(CodeLength);
            e.Property(k => k.Centre).HasMaxLength(CentreLength);
            e.Property(k => k.Name).HasMaxLength(NameLength);
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.Property(k => k.SoftwareVersion).HasMaxLength(50);
            e.Property(k => k.Version).IsConcurrencyToken();
            e.Ignore(k => k.Retired);
            e.HasIndex(k => k.Code).IsUnique();
            e.HasIndex(k => k.KeyHash);
        });
        modelBuilder.Entity<KioskDay>(e =>
        {
            e.ToTable("days");
            e.Property(d => d.Version).IsConcurrencyToken();
            e.Ignore(d => d.Closed);
            e.HasIndex(d => new { d.KioskId, d.Day }).IsUnique();
        });
        modelBuilder.Entity<KioskTransaction>(e =>
        {
            e.ToTable("transactions");
            e.Property(t => t.Method).HasConversion<string>().HasMaxLength(10);
            e.Property(t => t.Currency).HasMaxLength(3);
            e.Property(t => t.Notes).HasMaxLength(1000);
            e.Property(t => t.CardAuthorization).HasMaxLength(50);
            e.Ignore(t => t.NoteCounts);
            e.HasIndex(t => new { t.KioskId, t.EntryId }).IsUnique();
            e.HasIndex(t => new { t.KioskId, t.Day });
        });
    }
}
