using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Modular.Core.Persistence;

namespace Modular.Accounts.Persistence.Migrations;

/// <summary>A staff session may act on behalf of one customer: who, why and since when.</summary>
[DbContext(typeof(AccountsDbContext))]
[Migration("20261201100100_ActingOnBehalf")]
internal sealed class ActingOnBehalf : ModuleMigration
{
    protected override string ModuleSchema => AccountsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>("ActingForCustomerId", Table("sessions"), nullable: true, schema: Schema);
        migrationBuilder.AddColumn<string>("ActingReason", Table("sessions"), maxLength: 500, nullable: true, schema: Schema);
        AddModuleColumn<Instant>(migrationBuilder, "sessions", "ActingSince", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("ActingForCustomerId", Table("sessions"), Schema);
        migrationBuilder.DropColumn("ActingReason", Table("sessions"), Schema);
        migrationBuilder.DropColumn("ActingSince", Table("sessions"), Schema);
    }
}
