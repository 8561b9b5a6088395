using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Readings.Persistence.Migrations;

/// <summary>The outbox moves to delivery per consumer (see <see cref="ModuleMigration.UpgradeOutboxToPerConsumerDelivery"/>).</summary>
[DbContext(typeof(ReadingsDbContext))]
[Migration("20261201010200_OutboxDeliveryPerConsumer")]
internal sealed class OutboxDeliveryPerConsumer : ModuleMigration
{
    protected override string ModuleSchema => ReadingsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) => UpgradeOutboxToPerConsumerDelivery(migrationBuilder);
}
