using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Web.Platform.Migrations;

/// <summary>The outbox moves to delivery per consumer (see <see cref="ModuleMigration.UpgradeOutboxToPerConsumerDelivery"/>).</summary>
[DbContext(typeof(WebDbContext))]
[Migration("20261201010500_OutboxDeliveryPerConsumer")]
internal sealed class OutboxDeliveryPerConsumer : ModuleMigration
{
    protected override string ModuleSchema => WebDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) => UpgradeOutboxToPerConsumerDelivery(migrationBuilder);
}
