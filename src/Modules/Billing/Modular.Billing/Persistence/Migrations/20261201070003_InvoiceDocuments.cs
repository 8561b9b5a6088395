using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Billing.Persistence.Migrations;

/// <summary>Rendered invoice PDFs, one per invoice and language: rendered once, then served as stored.</summary>
[DbContext(typeof(BillingDbContext))]
[Migration("20261201070003_InvoiceDocuments")]
internal sealed class InvoiceDocuments : ModuleMigration
{
    protected override string ModuleSchema => BillingDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) =>
        CreateModuleTable(migrationBuilder, "invoice_documents", t => new
        {
            InvoiceId = t.Column<Guid>(nullable: false),
            Culture = t.Column<string>(maxLength: 16, nullable: false),
            Content = t.Column<byte[]>(nullable: false),
            RenderedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("invoice_documents"), x => new { x.InvoiceId, x.Culture }));
}
