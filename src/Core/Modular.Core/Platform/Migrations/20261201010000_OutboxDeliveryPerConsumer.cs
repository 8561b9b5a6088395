using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Core.Platform.Migrations;

/// <summary>The registry of consumers and stores and the deliveries per consumer; Core's own outbox upgraded like every module's.</summary>
[DbContext(typeof(CoreDbContext))]
[Migration("20261201010000_OutboxDeliveryPerConsumer")]
internal sealed class OutboxDeliveryPerConsumer : ModuleMigration
{
    protected override string ModuleSchema => CoreDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        UpgradeOutboxToPerConsumerDelivery(migrationBuilder);

        CreateModuleTable(migrationBuilder, "outbox_stores", t => new
        {
            Schema = t.Column<string>(maxLength: 63, nullable: false),
            Module = t.Column<string>(maxLength: 100, nullable: false),
            RegisteredAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("outbox_stores"), x => x.Schema));

        CreateModuleTable(migrationBuilder, "outbox_subscriptions", t => new
        {
            Consumer = t.Column<string>(maxLength: 300, nullable: false),
            EventType = t.Column<string>(maxLength: 500, nullable: false),
            RegisteredAt = t.Column<DateTime>(nullable: false),
            LastSeenAt = t.Column<DateTime>(nullable: false),
            LastSeenBy = t.Column<string>(maxLength: 200, nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("outbox_subscriptions"), x => new { x.Consumer, x.EventType }));
        CreateModuleIndex(migrationBuilder, "outbox_subscriptions", ["EventType"]);

        CreateModuleTable(migrationBuilder, "outbox_deliveries", t => new
        {
            Store = t.Column<string>(maxLength: 63, nullable: false),
            MessageId = t.Column<Guid>(nullable: false),
            Consumer = t.Column<string>(maxLength: 300, nullable: false),
            OccurredAt = t.Column<DateTime>(nullable: false),
            NextAttemptAt = t.Column<DateTime>(nullable: false),
            Attempts = t.Column<int>(nullable: false),
            LastError = t.Column<string>(nullable: true),
            LockedBy = t.Column<string>(maxLength: 32, nullable: true),
            LockedUntil = t.Column<DateTime>(nullable: true),
            DeadAt = t.Column<DateTime>(nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("outbox_deliveries"), x => new { x.MessageId, x.Consumer }));

        // The claim: a host's consumers' live deliveries, due first. Dead letters have their own small index.
        CreateModuleIndex(migrationBuilder, "outbox_deliveries", ["Consumer", "NextAttemptAt"], filter: "\"DeadAt\" IS NULL");
        CreateModuleIndex(migrationBuilder, "outbox_deliveries", ["DeadAt"], filter: "\"DeadAt\" IS NOT NULL");
    }
}
