using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Audit;
using Modular.Core.Persistence;

namespace Modular.Core.Platform.Migrations;

/// <summary>The audit trail; a trigger refuses updates, so rows only ever arrive and (through the purge) leave.</summary>
[DbContext(typeof(CoreDbContext))]
[Migration("20261201020000_AuditTrail")]
internal sealed class AuditTrail : ModuleMigration
{
    protected override string ModuleSchema => CoreDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        const string table = AuditEntryConfiguration.Table;
        CreateModuleTable(migrationBuilder, table, t => new
        {
            Id = t.Column<Guid>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            Category = t.Column<string>(maxLength: 20, nullable: false),
            Action = t.Column<string>(maxLength: 200, nullable: false),
            Outcome = t.Column<string>(maxLength: 200, nullable: false),
            CallerKind = t.Column<string>(maxLength: 20, nullable: false),
            Channel = t.Column<string>(maxLength: 20, nullable: false),
            StaffId = t.Column<Guid>(nullable: true),
            UserId = t.Column<Guid>(nullable: true),
            CustomerId = t.Column<Guid>(nullable: true),
            SubjectId = t.Column<Guid>(nullable: true),
            SessionId = t.Column<Guid>(nullable: true),
            ClientAddress = t.Column<string>(maxLength: 100, nullable: true),
            Ids = t.Column<string>(maxLength: 1000, nullable: true),
        }, t => t.PrimaryKey("PK_" + Table(table), x => x.Id));
        CreateModuleIndex(migrationBuilder, table, ["At"]);
        CreateModuleIndex(migrationBuilder, table, ["CustomerId", "At"], filter: "\"CustomerId\" IS NOT NULL");
        CreateModuleIndex(migrationBuilder, table, ["StaffId", "At"], filter: "\"StaffId\" IS NOT NULL");
        CreateModuleIndex(migrationBuilder, table, ["UserId", "At"], filter: "\"UserId\" IS NOT NULL");
        CreateModuleIndex(migrationBuilder, table, ["SubjectId", "At"], filter: "\"SubjectId\" IS NOT NULL");

        if (IsSqlite)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{Table(table)}_append_only" BEFORE UPDATE ON "{Table(table)}"
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """);
        }
        else
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION "{Schema}"."audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
                CREATE TRIGGER "audit_entries_append_only" BEFORE UPDATE ON "{Schema}"."{Table(table)}"
                FOR EACH ROW EXECUTE FUNCTION "{Schema}"."audit_append_only"();
                """);
        }
    }
}
