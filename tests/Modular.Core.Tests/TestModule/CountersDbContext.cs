using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Core.Tests.TestModule;

public sealed class Counter
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public int Value { get; set; }

    public Instant UpdatedAt { get; set; }

    public LocalDate Day { get; set; }
}

/// <summary>One row per application of an event by a consumer; duplicates would show as extra rows.</summary>
public sealed class Application
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public string Consumer { get; set; } = string.Empty;
}

public sealed class CountersDbContext(DbContextOptions<CountersDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => "counters";

    public DbSet<Counter> Counters => Set<Counter>();

    public DbSet<Application> Applications => Set<Application>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Counter>(e =>
        {
            e.ToTable("counters");
            e.HasIndex(c => c.Name).IsUnique();
        });
        modelBuilder.Entity<Application>(e => e.ToTable("applications"));
    }
}

[DbContext(typeof(CountersDbContext))]
[Migration("20261122000000_Initial")]
public sealed class InitialCounters : ModuleMigration
{
    protected override string ModuleSchema => "counters";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        CreateModuleTable(migrationBuilder, "counters", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(nullable: false),
            Value = t.Column<int>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            Day = t.Column<DateOnly>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("counters"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "counters", ["Name"], unique: true);
        CreateModuleTable(migrationBuilder, "applications", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EventId = t.Column<Guid>(nullable: false),
            Consumer = t.Column<string>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("applications"), x => x.Id));
    }
}

[DbContext(typeof(CountersDbContext))]
[Migration("20261201010600_OutboxDeliveryPerConsumer")]
public sealed class CountersOutboxDeliveryPerConsumer : ModuleMigration
{
    protected override string ModuleSchema => "counters";

    protected override void Up(MigrationBuilder migrationBuilder) => UpgradeOutboxToPerConsumerDelivery(migrationBuilder);
}
