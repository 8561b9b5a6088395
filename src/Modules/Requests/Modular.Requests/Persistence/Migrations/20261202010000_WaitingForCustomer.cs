using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Requests.Persistence.Migrations;

/// <summary>Since when a request waits for its customer: that time does not count towards its due time.</summary>
[DbContext(typeof(RequestsDbContext))]
[Migration("20261202010000_WaitingForCustomer")]
internal sealed class WaitingForCustomer : ModuleMigration
{
    protected override string ModuleSchema => RequestsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) =>
        AddModuleColumn<Instant>(migrationBuilder, "requests", "WaitingSince", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("WaitingSince", Table("requests"), Schema);
}
