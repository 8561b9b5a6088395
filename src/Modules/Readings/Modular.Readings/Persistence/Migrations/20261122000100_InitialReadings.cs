using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Readings.Persistence.Migrations;

[DbContext(typeof(ReadingsDbContext))]
[Migration("20261122000100_InitialReadings")]
internal sealed class InitialReadings : ModuleMigration
{
    protected override string ModuleSchema => ReadingsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        CreateModuleTable(migrationBuilder, "meters", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Serial = t.Column<string>(maxLength: 64, nullable: false),
            ContractId = t.Column<Guid>(nullable: false),
            IntegerDigits = t.Column<int>(nullable: false),
            DecimalPlaces = t.Column<int>(nullable: false),
            InstalledOn = t.Column<DateOnly>(nullable: false),
            InitialIndex = t.Column<decimal>(nullable: false),
            RemovedOn = t.Column<DateOnly>(nullable: true),
            FinalIndex = t.Column<decimal>(nullable: true),
            VerificationDue = t.Column<DateOnly>(nullable: true),
            SelfReadAllowed = t.Column<bool>(nullable: false),
            ReplacedBy = t.Column<Guid>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("meters"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "meters", ["Serial"], unique: true);
        CreateModuleIndex(migrationBuilder, "meters", ["ContractId"]);

        CreateModuleTable(migrationBuilder, "readings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MeterId = t.Column<Guid>(nullable: false),
            ContractId = t.Column<Guid>(nullable: false),
            Index = t.Column<decimal>(nullable: false),
            ReadingDate = t.Column<DateOnly>(nullable: false),
            Period = t.Column<int>(nullable: false),
            SubmittedAt = t.Column<DateTime>(nullable: false),
            SubmittedBy = t.Column<Guid>(nullable: true),
            Source = t.Column<string>(maxLength: 20, nullable: false),
            Quality = t.Column<string>(maxLength: 20, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            Consumption = t.Column<decimal>(nullable: false),
            Rollover = t.Column<bool>(nullable: false),
            SupersededBy = t.Column<Guid>(nullable: true),
            ImportKey = t.Column<string>(maxLength: 200, nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("readings"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "readings", ["MeterId"]);
        CreateModuleIndex(migrationBuilder, "readings", ["ContractId"]);
        CreateModuleIndex(migrationBuilder, "readings", ["ImportKey"], unique: true);

        CreateModuleTable(migrationBuilder, "window_openings", t => new
        {
            Period = t.Column<int>(nullable: false),
            OpenedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("window_openings"), x => x.Period));
    }
}
