using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Requests.Persistence.Migrations;

/// <summary>Acts can be corrected: a version token and the last correction's time, author and reason.</summary>
[DbContext(typeof(RequestsDbContext))]
[Migration("20261202020000_ActCorrections")]
internal sealed class ActCorrections : ModuleMigration
{
    protected override string ModuleSchema => RequestsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        AddModuleColumn<int>(migrationBuilder, "acts", "Version");
        AddModuleColumn<Instant>(migrationBuilder, "acts", "CorrectedAt", nullable: true);
        AddModuleColumn<Guid>(migrationBuilder, "acts", "CorrectedBy", nullable: true);
        AddModuleColumn<string>(migrationBuilder, "acts", "CorrectionReason", nullable: true, maxLength: RequestsDbContext.ActCorrectionReasonLength);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var column in new[] { "Version", "CorrectedAt", "CorrectedBy", "CorrectionReason" })
        {
            migrationBuilder.DropColumn(column, Table("acts"), Schema);
        }
    }
}
