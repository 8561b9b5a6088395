using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Readings.Persistence.Migrations;

/// <summary>
/// A partial index on accepted readings by meter and date, so a submission reads a bounded slice of a meter's history
/// however many readings (superseded revisions included) it has; and the copy of contract dates kept from Accounts' events.
/// </summary>
[DbContext(typeof(ReadingsDbContext))]
[Migration("20261201070001_BoundedMeterHistory")]
internal sealed class BoundedMeterHistory : ModuleMigration
{
    protected override string ModuleSchema => ReadingsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleIndex(migrationBuilder, "readings", ["MeterId", "ReadingDate"], filter: ReadingsDbContext.AcceptedFilter);
        CreateModuleTable(migrationBuilder, "contract_terms", t => new
        {
            ContractId = t.Column<Guid>(nullable: false),
            StartDate = t.Column<DateOnly>(nullable: false),
            EndDate = t.Column<DateOnly>(nullable: true),
            ChangedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("contract_terms"), x => x.ContractId));
    }
}
