using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Notifications.Persistence.Migrations;

/// <summary>Inbound SMS (two-way SMS): each message once by the provider's id, with what was done and answered.</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261202030200_InboundSms")]
internal sealed class InboundSms : ModuleMigration
{
    protected override string ModuleSchema => NotificationsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleTable(migrationBuilder, "inbound_sms", t => new
        {
            Id = t.Column<string>(maxLength: 100, nullable: false),
            From = t.Column<string>(maxLength: 30, nullable: false),
            Text = t.Column<string>(maxLength: 1600, nullable: false),
            UserId = t.Column<Guid>(nullable: true),
            Outcome = t.Column<string>(maxLength: 30, nullable: false),
            Reply = t.Column<string>(maxLength: 1600, nullable: true),
            ReceivedAt = t.Instant(),
        }, t => t.PrimaryKey("PK_" + Table("inbound_sms"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "inbound_sms", ["ReceivedAt"]);
    }
}
