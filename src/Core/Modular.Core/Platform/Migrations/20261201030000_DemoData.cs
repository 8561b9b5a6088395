using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Core.Platform.Migrations;

/// <summary>The demo data claim (see <see cref="Demo.DemoDataLoader"/>).</summary>
[DbContext(typeof(CoreDbContext))]
[Migration("20261201030000_DemoData")]
internal sealed class DemoData : ModuleMigration
{
    protected override string ModuleSchema => CoreDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) =>
        CreateModuleTable(migrationBuilder, "demo_data", t => new
        {
            Id = t.Column<string>(maxLength: 20, nullable: false),
            StartedAt = t.Column<DateTime>(nullable: false),
            CompletedAt = t.Column<DateTime>(nullable: true),
            Owner = t.Column<string>(maxLength: 100, nullable: false),
            LeaseUntil = t.Column<DateTime>(nullable: false),
            CompletedModules = t.Column<string>(maxLength: 2000, nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("demo_data"), x => x.Id));
}
