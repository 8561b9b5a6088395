using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Composition;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using Modular.Core.Tests.TestModule;
using NodaTime;

namespace Modular.Core.Tests.TallyModule;

/// <summary>
/// A second module that consumes the Counters module's events without composing it, as a third-party module in
/// another host would: it has its own store and one consumer.
/// </summary>
public sealed class TallyModule : ModularModule
{
    public override string Name => "Tally";

    public override void ConfigureServices(ModuleServices services) => services.AddDbContext<TallyDbContext>();

    protected override bool Includes(Type type) => type.Namespace == typeof(TallyModule).Namespace;
}

public sealed class Tally
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public string Name { get; set; } = string.Empty;
}

public sealed class TallyDbContext(DbContextOptions<TallyDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => "tally";

    public DbSet<Tally> Tallies => Set<Tally>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<Tally>(e => e.ToTable("tallies"));
}

internal sealed class TallyConsumer(TallyDbContext db, IClock clock) : InboxEventHandler<CounterIncremented, TallyDbContext>(db, clock)
{
    public const string Name = "tally.counter-incremented";

    protected override string ConsumerName => Name;

    protected override Task HandleCoreAsync(CounterIncremented integrationEvent, CancellationToken cancellationToken)
    {
        Db.Tallies.Add(new Tally { Id = Guid.NewGuid(), EventId = integrationEvent.EventId, Name = integrationEvent.Name });
        return Task.CompletedTask;
    }
}

[DbContext(typeof(TallyDbContext))]
[Migration("20261201010700_Initial")]
public sealed class InitialTally : ModuleMigration
{
    protected override string ModuleSchema => "tally";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        UpgradeOutboxToPerConsumerDelivery(migrationBuilder);
        CreateModuleTable(migrationBuilder, "tallies", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EventId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("tallies"), x => x.Id));
    }
}
