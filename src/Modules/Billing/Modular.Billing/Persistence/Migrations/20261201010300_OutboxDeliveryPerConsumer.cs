using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Billing.Persistence.Migrations;

/// <summary>The outbox moves to delivery per consumer (see <see cref="ModuleMigration.UpgradeOutboxToPerConsumerDelivery"/>).</summary>
[DbContext(typeof(BillingDbContext))]
[Migration("20261201010300_OutboxDeliveryPerConsumer")]
internal sealed class OutboxDeliveryPerConsumer : ModuleMigration
{
    protected override string ModuleSchema => BillingDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) => UpgradeOutboxToPerConsumerDelivery(migrationBuilder);
}
