using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Payments.Persistence.Migrations;

/// <summary>The outbox moves to delivery per consumer (see <see cref="ModuleMigration.UpgradeOutboxToPerConsumerDelivery"/>).</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261201010400_OutboxDeliveryPerConsumer")]
internal sealed class OutboxDeliveryPerConsumer : ModuleMigration
{
    protected override string ModuleSchema => PaymentsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) => UpgradeOutboxToPerConsumerDelivery(migrationBuilder);
}
