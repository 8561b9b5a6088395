using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Notifications.Persistence.Migrations;

/// <summary>Outages, their steps (announced, updated, ended) and the premises matched to their area.</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261202030000_Outages")]
internal sealed class Outages : ModuleMigration
{
    protected override string ModuleSchema => NotificationsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleTable(migrationBuilder, "outages", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Number = t.Column<string>(maxLength: 32, nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Services = t.Column<int>(nullable: false),
            Start = t.Instant(),
            ExpectedEnd = t.Instant(),
            RestoredAt = t.Instant(nullable: true),
            TextRo = t.Column<string>(maxLength: NotificationsDbContext.OutageTextLength, nullable: false),
            TextEn = t.Column<string>(maxLength: NotificationsDbContext.OutageTextLength, nullable: false),
            TextLv = t.Column<string>(maxLength: NotificationsDbContext.OutageTextLength, nullable: false),
            StreetsJson = t.Column<string>(nullable: false),
            AreaGeoJson = t.Column<string>(nullable: true),
            Localities = t.Column<string>(maxLength: 2000, nullable: false),
            Updates = t.Column<int>(nullable: false),
            MatchedAt = t.Instant(nullable: true),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Instant(),
            CreatedBy = t.Column<Guid>(nullable: true),
            UpdatedAt = t.Instant(),
        }, t => t.PrimaryKey("PK_" + Table("outages"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "outages", ["Number"], unique: true);
        CreateModuleIndex(migrationBuilder, "outages", ["RestoredAt", "Start"]);

        CreateModuleTable(migrationBuilder, "outage_updates", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OutageId = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Step = t.Column<string>(maxLength: 20, nullable: false),
            At = t.Instant(),
            ExpectedEnd = t.Instant(),
            TextRo = t.Column<string>(maxLength: NotificationsDbContext.OutageTextLength, nullable: false),
            TextEn = t.Column<string>(maxLength: NotificationsDbContext.OutageTextLength, nullable: false),
            TextLv = t.Column<string>(maxLength: NotificationsDbContext.OutageTextLength, nullable: false),
            StaffId = t.Column<Guid>(nullable: true),
        }, t =>
        {
            t.PrimaryKey("PK_" + Table("outage_updates"), x => x.Id);
            t.ForeignKey("FK_" + Table("outage_updates") + "_outages", x => x.OutageId, Table("outages"), "Id", Schema, onDelete: ReferentialAction.Cascade);
        });
        CreateModuleIndex(migrationBuilder, "outage_updates", ["OutageId", "Number"], unique: true);

        CreateModuleTable(migrationBuilder, "outage_premises", t => new
        {
            OutageId = t.Column<Guid>(nullable: false),
            ContractId = t.Column<Guid>(nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            ContractNumber = t.Column<string>(maxLength: 50, nullable: false),
            Address = t.Column<string>(maxLength: 500, nullable: false),
        }, t =>
        {
            t.PrimaryKey("PK_" + Table("outage_premises"), x => new { x.OutageId, x.ContractId });
            t.ForeignKey("FK_" + Table("outage_premises") + "_outages", x => x.OutageId, Table("outages"), "Id", Schema, onDelete: ReferentialAction.Cascade);
        });
        CreateModuleIndex(migrationBuilder, "outage_premises", ["ContractId"]);
    }
}
