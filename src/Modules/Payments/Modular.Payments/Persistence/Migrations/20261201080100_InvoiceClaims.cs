using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Payments.Persistence.Migrations;

/// <summary>Pending online payments' claims on their invoices: the key is the invoice, so one pending payment per invoice.</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261201080100_InvoiceClaims")]
internal sealed class InvoiceClaims : ModuleMigration
{
    protected override string ModuleSchema => PaymentsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        const string table = PaymentsDbContext.InvoiceClaimsTable;
        CreateModuleTable(migrationBuilder, table, t => new
        {
            InvoiceId = t.Column<Guid>(nullable: false),
            PaymentId = t.Column<Guid>(nullable: false),
            ClaimedAt = t.Column<DateTime>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table(table), x => x.InvoiceId));
        CreateModuleIndex(migrationBuilder, table, ["PaymentId"]);
    }
}
