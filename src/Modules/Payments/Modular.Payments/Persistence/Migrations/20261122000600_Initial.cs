using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Payments.Persistence.Migrations;

[DbContext(typeof(PaymentsDbContext))]
[Migration("20261122000600_Initial")]
internal sealed class Initial : ModuleMigration
{
    protected override string ModuleSchema => PaymentsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        CreateModuleTable(migrationBuilder, "payments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Reference = t.Column<string>(maxLength: 40, nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            Amount = t.Column<decimal>(nullable: false),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            Channel = t.Column<string>(maxLength: 20, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            InvoiceIds = t.Column<string>(nullable: false),
            IdempotencyKey = t.Column<string>(maxLength: 200, nullable: true),
            RequestHash = t.Column<string>(maxLength: 64, nullable: true),
            CreatedBy = t.Column<Guid>(nullable: true),
            ExternalKey = t.Column<string>(maxLength: 300, nullable: true),
            Source = t.Column<string>(maxLength: 200, nullable: true),
            PayerReference = t.Column<string>(maxLength: 500, nullable: true),
            Centre = t.Column<string>(maxLength: 100, nullable: true),
            Terminal = t.Column<string>(maxLength: 100, nullable: true),
            Operator = t.Column<string>(maxLength: 100, nullable: true),
            ReceiptNumber = t.Column<string>(maxLength: 60, nullable: true),
            Gateway = t.Column<string>(maxLength: 50, nullable: true),
            GatewayTransactionId = t.Column<string>(maxLength: 200, nullable: true),
            RedirectUrl = t.Column<string>(maxLength: 2000, nullable: true),
            ReturnUrl = t.Column<string>(maxLength: 2000, nullable: true),
            ValueDate = t.Column<DateOnly>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            SettledAt = t.Column<DateTime>(nullable: true),
            Refunded = t.Column<decimal>(nullable: false),
            ImportId = t.Column<Guid>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("payments"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "payments", ["Reference"], unique: true);
        CreateModuleIndex(migrationBuilder, "payments", ["IdempotencyKey"], unique: true);
        CreateModuleIndex(migrationBuilder, "payments", ["ExternalKey"], unique: true);
        CreateModuleIndex(migrationBuilder, "payments", ["ReceiptNumber"], unique: true);
        CreateModuleIndex(migrationBuilder, "payments", ["CustomerId", "CreatedAt"]);
        CreateModuleIndex(migrationBuilder, "payments", ["Status", "CreatedAt"]);

        CreateModuleTable(migrationBuilder, "payment_splits", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PaymentId = t.Column<Guid>(nullable: false),
            Position = t.Column<int>(nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            Amount = t.Column<decimal>(nullable: false),
            Refunded = t.Column<decimal>(nullable: false),
            InvoiceIds = t.Column<string>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("payment_splits"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "payment_splits", ["PaymentId"]);

        CreateModuleTable(migrationBuilder, "payment_history", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PaymentId = t.Column<Guid>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            Kind = t.Column<string>(maxLength: 40, nullable: false),
            Amount = t.Column<decimal>(nullable: true),
            Detail = t.Column<string>(maxLength: 500, nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("payment_history"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "payment_history", ["PaymentId"]);

        CreateModuleTable(migrationBuilder, "refunds", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PaymentId = t.Column<Guid>(nullable: false),
            Amount = t.Column<decimal>(nullable: false),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            Reason = t.Column<string>(maxLength: 500, nullable: false),
            IdempotencyKey = t.Column<string>(maxLength: 200, nullable: false),
            GatewayRefundId = t.Column<string>(maxLength: 200, nullable: true),
            At = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("refunds"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "refunds", ["IdempotencyKey"], unique: true);

        CreateModuleTable(migrationBuilder, "suspense", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ExternalKey = t.Column<string>(maxLength: 300, nullable: false),
            Source = t.Column<string>(maxLength: 200, nullable: false),
            Amount = t.Column<decimal>(nullable: false),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            ValueDate = t.Column<DateOnly>(nullable: false),
            Reference = t.Column<string>(maxLength: 500, nullable: true),
            Payer = t.Column<string>(maxLength: 200, nullable: true),
            Reason = t.Column<string>(maxLength: 100, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            PaymentId = t.Column<Guid>(nullable: true),
            AssignedBy = t.Column<Guid>(nullable: true),
            ClosedAt = t.Column<DateTime>(nullable: true),
            ImportId = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("suspense"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "suspense", ["ExternalKey"], unique: true);
        CreateModuleIndex(migrationBuilder, "suspense", ["Status"]);

        CreateModuleTable(migrationBuilder, "imports", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Source = t.Column<string>(maxLength: 200, nullable: false),
            FileName = t.Column<string>(maxLength: 500, nullable: false),
            ImportedAt = t.Column<DateTime>(nullable: false),
            Total = t.Column<int>(nullable: false),
            Matched = t.Column<int>(nullable: false),
            Unmatched = t.Column<int>(nullable: false),
            Duplicates = t.Column<int>(nullable: false),
            Rejected = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("imports"), x => x.Id));
    }
}
