using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Notifications.Persistence.Migrations;

/// <summary>The key unsubscribe links are signed with (one row, made on first use).</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261202020000_LinkKeys")]
internal sealed class LinkKeys : ModuleMigration
{
    protected override string ModuleSchema => NotificationsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleTable(migrationBuilder, "link_keys", t => new
        {
            Id = t.Column<int>(nullable: false),
            Key = t.Column<byte[]>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("link_keys"), x => x.Id));
    }
}
