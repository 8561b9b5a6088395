using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Core.Platform.Migrations;

[DbContext(typeof(CoreDbContext))]
[Migration("20261201000000_InitialCore")]
internal sealed class InitialCore : ModuleMigration
{
    protected override string ModuleSchema => CoreDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) => CreateModuleBasics(migrationBuilder);
}
