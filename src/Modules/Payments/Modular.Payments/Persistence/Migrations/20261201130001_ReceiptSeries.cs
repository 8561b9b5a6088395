using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Payments.Persistence.Migrations;

/// <summary>The receipt number series: one row per series, its last number issued (see <c>ReceiptNumbers</c>).</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261201130001_ReceiptSeries")]
internal sealed class ReceiptSeries : ModuleMigration
{
    protected override string ModuleSchema => PaymentsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        const string table = PaymentsDbContext.ReceiptSeriesTable;
        CreateModuleTable(migrationBuilder, table, t => new
        {
            Series = t.Column<string>(maxLength: 16, nullable: false),
            LastNumber = t.Column<long>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table(table), x => x.Series));
    }
}
