using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Notifications.Persistence.Migrations;

/// <summary>Leak and high-usage episodes per contract: at most one open (a partial unique index), each opened by one reading.</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261202030100_LeakEpisodes")]
internal sealed class LeakEpisodes : ModuleMigration
{
    protected override string ModuleSchema => NotificationsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleTable(migrationBuilder, "leak_episodes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ContractId = t.Column<Guid>(nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            Signal = t.Column<string>(maxLength: 20, nullable: false),
            Since = t.LocalDate(),
            OpenedOn = t.LocalDate(),
            OpenedByReading = t.Column<Guid>(nullable: false),
            LitresPerDay = t.Column<double>(nullable: false),
            UsualLitresPerDay = t.Column<double>(nullable: false),
            ClosedOn = t.LocalDate(nullable: true),
            ClosedByReading = t.Column<Guid>(nullable: true),
            CreatedAt = t.Instant(),
        }, t => t.PrimaryKey("PK_" + Table("leak_episodes"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "leak_episodes", ["ContractId"], unique: true, filter: "\"ClosedOn\" IS NULL");
        CreateModuleIndex(migrationBuilder, "leak_episodes", ["ContractId", "OpenedByReading"], unique: true);
    }
}
