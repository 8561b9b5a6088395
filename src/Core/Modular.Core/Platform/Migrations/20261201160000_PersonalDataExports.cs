using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.PersonalData;
using Modular.Core.Persistence;

namespace Modular.Core.Platform.Migrations;

/// <summary>"Download my data" requests and their archives; at most one pending request per user.</summary>
[DbContext(typeof(CoreDbContext))]
[Migration("20261201160000_PersonalDataExports")]
internal sealed class PersonalDataExports : ModuleMigration
{
    protected override string ModuleSchema => CoreDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        const string table = PersonalDataExportConfiguration.Table;
        CreateModuleTable(migrationBuilder, table, t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            RequestedAt = t.Instant(),
            LeaseOwner = t.Column<string>(maxLength: 100, nullable: true),
            LeaseUntil = t.Instant(nullable: true),
            Attempts = t.Column<int>(nullable: false),
            ReadyAt = t.Instant(nullable: true),
            ExpiresAt = t.Instant(nullable: true),
            FileName = t.Column<string>(maxLength: 200, nullable: true),
            Size = t.Column<long>(nullable: true),
            Content = t.Column<byte[]>(nullable: true),
        }, t => t.PrimaryKey("PK_" + Table(table), x => x.Id));
        CreateModuleIndex(migrationBuilder, table, ["UserId", "RequestedAt"]);
        CreateModuleIndex(migrationBuilder, table, ["Status", "RequestedAt"]);
        // One pending request per user, so two concurrent "download my data" clicks make one archive.
        CreateModuleIndex(migrationBuilder, table, ["UserId"], unique: true, filter: "\"Status\" = 'Pending'");
    }
}
