using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Billing.Persistence.Migrations;

/// <summary>Credit notes (and what they took off each invoice) and the transmission state of e-invoices.</summary>
[DbContext(typeof(BillingDbContext))]
[Migration("20261201060200_EInvoices")]
internal sealed class EInvoices : ModuleMigration
{
    protected override string ModuleSchema => BillingDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Bulk writers that do not name the column get the default.
        migrationBuilder.AddColumn<decimal>("Credited", Table("invoices"), nullable: false, defaultValue: 0m, schema: Schema);

        CreateModuleTable(migrationBuilder, "credit_notes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Series = t.Column<string>(maxLength: 16, nullable: false),
            Sequence = t.Column<long>(nullable: false),
            Number = t.Column<string>(maxLength: 64, nullable: false),
            RequestId = t.Column<Guid>(nullable: false),
            InvoiceId = t.Column<Guid>(nullable: false),
            InvoiceNumber = t.Column<string>(nullable: false),
            InvoiceIssueDate = t.Column<DateOnly>(nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            ContractId = t.Column<Guid>(nullable: false),
            ContractNumber = t.Column<string>(nullable: false),
            ClientCode = t.Column<string>(nullable: false),
            CustomerName = t.Column<string>(nullable: false),
            ServiceAddress = t.Column<string>(nullable: false),
            Period = t.Column<int>(nullable: false),
            IssueDate = t.Column<DateOnly>(nullable: false),
            Reason = t.Column<int>(nullable: false),
            Note = t.Column<string>(nullable: true),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            Net = t.Column<decimal>(nullable: false),
            Vat = t.Column<decimal>(nullable: false),
            Total = t.Column<decimal>(nullable: false),
            LinesJson = t.Column<string>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("credit_notes"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "credit_notes", ["Number"], unique: true);
        CreateModuleIndex(migrationBuilder, "credit_notes", ["RequestId"], unique: true);
        CreateModuleIndex(migrationBuilder, "credit_notes", ["InvoiceId"]);

        CreateModuleTable(migrationBuilder, "einvoice_transmissions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DocumentId = t.Column<Guid>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            Number = t.Column<string>(nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            Status = t.Column<int>(nullable: false),
            UploadKey = t.Column<Guid>(nullable: false),
            Attempts = t.Column<int>(nullable: false),
            UploadId = t.Column<string>(nullable: true),
            ContentSha256 = t.Column<string>(maxLength: 64, nullable: true),
            Problem = t.Column<string>(nullable: true),
            MessagesJson = t.Column<string>(nullable: false),
            Answer = t.Column<byte[]>(nullable: true),
            AnswerName = t.Column<string>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UploadedAt = t.Column<DateTime>(nullable: true),
            AnsweredAt = t.Column<DateTime>(nullable: true),
            NextAttemptAt = t.Column<DateTime>(nullable: false),
            LockedBy = t.Column<string>(nullable: true),
            LockedUntil = t.Column<DateTime>(nullable: true),
            Version = t.Column<Guid>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("einvoice_transmissions"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "einvoice_transmissions", ["DocumentId"], unique: true);
        CreateModuleIndex(migrationBuilder, "einvoice_transmissions", ["Status", "NextAttemptAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(Table("einvoice_transmissions"), Schema);
        migrationBuilder.DropTable(Table("credit_notes"), Schema);
        migrationBuilder.DropColumn("Credited", Table("invoices"), Schema);
    }
}
