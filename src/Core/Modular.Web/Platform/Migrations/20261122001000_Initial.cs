using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Web.Platform.Migrations;

[DbContext(typeof(WebDbContext))]
[Migration("20261122001000_Initial")]
internal sealed class InitialWeb : ModuleMigration
{
    protected override string ModuleSchema => WebDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        CreateModuleTable(migrationBuilder, "data_protection_keys", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            FriendlyName = t.Column<string>(maxLength: 200, nullable: false),
            Xml = t.Column<string>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("data_protection_keys"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "data_protection_keys", ["FriendlyName"], unique: true);

        CreateModuleTable(migrationBuilder, "access_tokens", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            Prefix = t.Column<string>(maxLength: 20, nullable: false),
            Scopes = t.Column<string>(maxLength: 200, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: true),
            LastUsedAt = t.Column<DateTime>(nullable: true),
            RevokedAt = t.Column<DateTime>(nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("access_tokens"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "access_tokens", ["Hash"], unique: true);
        CreateModuleIndex(migrationBuilder, "access_tokens", ["UserId"]);
    }
}
