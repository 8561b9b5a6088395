using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Core.Platform.Migrations;

/// <summary>Schedules: one row per job with the occurrence last claimed, the runner's lease and the last run.</summary>
[DbContext(typeof(CoreDbContext))]
[Migration("20261201050000_Schedules")]
internal sealed class Schedules : ModuleMigration
{
    protected override string ModuleSchema => CoreDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) =>
        CreateModuleTable(migrationBuilder, "schedules", t => new
        {
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Module = t.Column<string>(maxLength: 100, nullable: false),
            Cron = t.Column<string>(maxLength: 200, nullable: false),
            Enabled = t.Column<bool>(nullable: false),
            RegisteredAt = t.Column<DateTime>(nullable: false),
            NextOccurrence = t.Column<DateTime>(nullable: true),
            LastOccurrence = t.Column<DateTime>(nullable: true),
            LeaseOwner = t.Column<string>(maxLength: 200, nullable: true),
            LeaseUntil = t.Column<DateTime>(nullable: true),
            LastStartedAt = t.Column<DateTime>(nullable: true),
            LastFinishedAt = t.Column<DateTime>(nullable: true),
            LastOutcome = t.Column<string>(maxLength: 20, nullable: true),
            LastDurationMilliseconds = t.Column<long>(nullable: true),
            LastMessage = t.Column<string>(maxLength: 2000, nullable: true),
            ConsecutiveFailures = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("schedules"), x => x.Name));
}
