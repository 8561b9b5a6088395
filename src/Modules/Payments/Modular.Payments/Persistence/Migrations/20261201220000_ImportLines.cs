using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Payments.Persistence.Migrations;

/// <summary>An import's report lines (all but the matched ones, at most 1,000), kept for the back office's imports screen.</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261201220000_ImportLines")]
internal sealed class ImportLines : ModuleMigration
{
    protected override string ModuleSchema => PaymentsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleTable(migrationBuilder, "import_lines", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ImportId = t.Column<Guid>(nullable: false),
            Line = t.Column<int>(nullable: false),
            Key = t.Column<string>(maxLength: 300, nullable: false),
            Outcome = t.Column<string>(maxLength: 20, nullable: false),
            Amount = t.Column<decimal>(nullable: true),
            Currency = t.Column<string>(maxLength: 3, nullable: true),
            Reference = t.Column<string>(maxLength: 500, nullable: true),
            Reason = t.Column<string>(maxLength: 200, nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("import_lines"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "import_lines", ["ImportId", "Line"]);
    }
}
