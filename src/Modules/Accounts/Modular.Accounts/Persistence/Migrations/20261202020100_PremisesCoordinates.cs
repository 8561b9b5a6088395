using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Accounts.Persistence.Migrations;

/// <summary>A contract's premises may carry coordinates (WGS 84) from the master data, for areas drawn on a map (outages). Optional.</summary>
[DbContext(typeof(AccountsDbContext))]
[Migration("20261202020100_PremisesCoordinates")]
internal sealed class PremisesCoordinates : ModuleMigration
{
    protected override string ModuleSchema => AccountsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<double>("Latitude", Table("contracts"), nullable: true, schema: Schema);
        migrationBuilder.AddColumn<double>("Longitude", Table("contracts"), nullable: true, schema: Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("Latitude", Table("contracts"), Schema);
        migrationBuilder.DropColumn("Longitude", Table("contracts"), Schema);
    }
}
