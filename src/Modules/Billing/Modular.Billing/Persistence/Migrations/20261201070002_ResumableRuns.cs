using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Billing.Persistence.Migrations;

/// <summary>A billing run's progress and lease, so an interrupted run is resumed from its last page and completed once.</summary>
[DbContext(typeof(BillingDbContext))]
[Migration("20261201070002_ResumableRuns")]
internal sealed class ResumableRuns : ModuleMigration
{
    protected override string ModuleSchema => BillingDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var runs = Table("runs");
        migrationBuilder.AddColumn<Guid>("Cursor", runs, nullable: true, schema: Schema);
        migrationBuilder.AddColumn<string>("LeasedBy", runs, maxLength: 64, nullable: true, schema: Schema);
        migrationBuilder.AddColumn<DateTime>("LeaseUntil", runs, nullable: true, schema: Schema);
        migrationBuilder.AddColumn<DateTime>("LastProgressAt", runs, nullable: true, schema: Schema);
        migrationBuilder.AddColumn<int>("Resumptions", runs, nullable: false, defaultValue: 0, schema: Schema);
        CreateModuleIndex(migrationBuilder, "runs", ["Period", "StartedAt"]);
    }
}
