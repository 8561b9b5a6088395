using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Accounts.Persistence.Migrations;

/// <summary>The outbox moves to delivery per consumer (see <see cref="ModuleMigration.UpgradeOutboxToPerConsumerDelivery"/>).</summary>
[DbContext(typeof(AccountsDbContext))]
[Migration("20261201010100_OutboxDeliveryPerConsumer")]
internal sealed class OutboxDeliveryPerConsumer : ModuleMigration
{
    protected override string ModuleSchema => AccountsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) => UpgradeOutboxToPerConsumerDelivery(migrationBuilder);
}
