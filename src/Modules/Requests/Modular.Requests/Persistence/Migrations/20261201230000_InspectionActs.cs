using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Requests.Persistence.Migrations;

/// <summary>Inspection acts and the readings they took.</summary>
[DbContext(typeof(RequestsDbContext))]
[Migration("20261201230000_InspectionActs")]
internal sealed class InspectionActs : ModuleMigration
{
    protected override string ModuleSchema => RequestsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleTable(migrationBuilder, "acts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Number = t.Column<string>(maxLength: RequestsDbContext.ActNumberLength, nullable: false),
            ContractId = t.Column<Guid>(nullable: false),
            ContractNumber = t.Column<string>(maxLength: 50, nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            ServiceAddress = t.Column<string>(maxLength: 300, nullable: false),
            Type = t.Column<string>(maxLength: 30, nullable: false),
            RegisteredOn = t.LocalDate(),
            Inspector = t.Column<string>(maxLength: RequestsDbContext.ActInspectorLength, nullable: false),
            Findings = t.Column<string>(maxLength: RequestsDbContext.ActFindingsLength, nullable: false),
            Source = t.Column<string>(maxLength: 20, nullable: false),
            Fingerprint = t.Column<string>(maxLength: 64, nullable: false),
            DocumentKey = t.Column<string>(maxLength: 200, nullable: true),
            DocumentName = t.Column<string>(maxLength: 200, nullable: true),
            DocumentSize = t.Column<long>(nullable: true),
            StoredAt = t.Instant(),
            StoredBy = t.Column<Guid>(nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("acts"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "acts", ["Number"], unique: true);
        CreateModuleIndex(migrationBuilder, "acts", ["ContractId", "RegisteredOn"]);
        CreateModuleIndex(migrationBuilder, "acts", ["CustomerId", "RegisteredOn"]);

        CreateModuleTable(migrationBuilder, "act_readings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ActId = t.Column<Guid>(nullable: false),
            Serial = t.Column<string>(maxLength: 50, nullable: false),
            Date = t.LocalDate(),
            Index = t.Column<decimal>(nullable: false),
            State = t.Column<string>(maxLength: 20, nullable: false),
            RefusalCode = t.Column<string>(maxLength: 100, nullable: true),
            DecidedAt = t.Instant(nullable: true),
        }, t =>
        {
            t.PrimaryKey("PK_" + Table("act_readings"), x => x.Id);
            t.ForeignKey("FK_" + Table("act_readings") + "_acts", x => x.ActId, Table("acts"), "Id", Schema, onDelete: ReferentialAction.Cascade);
        });
        CreateModuleIndex(migrationBuilder, "act_readings", ["ActId"]);
    }
}
