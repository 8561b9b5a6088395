using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Limits;
using Modular.Core.Persistence;

namespace Modular.Core.Platform.Migrations;

/// <summary>Attempt counters shared by every instance (proof checks and other guessable look-ups).</summary>
[DbContext(typeof(CoreDbContext))]
[Migration("20261201080000_AttemptCounters")]
internal sealed class AttemptCounters : ModuleMigration
{
    protected override string ModuleSchema => CoreDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        const string table = AttemptCounterConfiguration.Table;
        CreateModuleTable(migrationBuilder, table, t => new
        {
            Key = t.Column<string>(maxLength: AttemptKey.MaxLength, nullable: false),
            Failures = t.Column<int>(nullable: false),
            LastFailureAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table(table), x => x.Key));
        CreateModuleIndex(migrationBuilder, table, ["LastFailureAt"]);
    }
}
