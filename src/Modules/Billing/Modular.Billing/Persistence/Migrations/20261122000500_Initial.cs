using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Billing.Persistence.Migrations;

[DbContext(typeof(BillingDbContext))]
[Migration("20261122000500_Initial")]
internal sealed class Initial : ModuleMigration
{
    protected override string ModuleSchema => BillingDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        CreateModuleTable(migrationBuilder, "invoices", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Series = t.Column<string>(maxLength: 16, nullable: false),
            Sequence = t.Column<long>(nullable: false),
            Number = t.Column<string>(maxLength: 64, nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            ContractId = t.Column<Guid>(nullable: false),
            ContractNumber = t.Column<string>(nullable: false),
            ClientCode = t.Column<string>(nullable: false),
            CustomerName = t.Column<string>(nullable: false),
            ServiceAddress = t.Column<string>(nullable: false),
            Period = t.Column<int>(nullable: false),
            IssueDate = t.Column<DateOnly>(nullable: false),
            DueDate = t.Column<DateOnly>(nullable: false),
            GraceDate = t.Column<DateOnly>(nullable: false),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            Net = t.Column<decimal>(nullable: false),
            Vat = t.Column<decimal>(nullable: false),
            Total = t.Column<decimal>(nullable: false),
            Paid = t.Column<decimal>(nullable: false),
            Status = t.Column<int>(nullable: false),
            Estimated = t.Column<bool>(nullable: false),
            CubicMeters = t.Column<decimal>(nullable: false),
            Source = t.Column<int>(nullable: false),
            LinesJson = t.Column<string>(nullable: false),
            Version = t.Column<Guid>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("invoices"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "invoices", ["Number"], unique: true);
        CreateModuleIndex(migrationBuilder, "invoices", ["ContractId", "Period"], unique: true);
        CreateModuleIndex(migrationBuilder, "invoices", ["CustomerId", "Status"]);

        CreateModuleTable(migrationBuilder, "tariffs", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Service = t.Column<int>(nullable: false),
            Name = t.Column<string>(nullable: false),
            UnitPrice = t.Column<decimal>(nullable: false),
            VatRate = t.Column<decimal>(nullable: false),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            ValidFrom = t.Column<DateOnly>(nullable: false),
            ValidTo = t.Column<DateOnly>(nullable: true),
            Version = t.Column<Guid>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("tariffs"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "tariffs", ["Service", "ValidFrom"], unique: true);

        CreateModuleTable(migrationBuilder, "number_series", t => new
        {
            Series = t.Column<string>(maxLength: 16, nullable: false),
            LastNumber = t.Column<long>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("number_series"), x => x.Series));

        CreateModuleTable(migrationBuilder, "runs", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Period = t.Column<int>(nullable: false),
            StartedAt = t.Column<DateTime>(nullable: false),
            CompletedAt = t.Column<DateTime>(nullable: true),
            Contracts = t.Column<int>(nullable: false),
            Issued = t.Column<int>(nullable: false),
            AlreadyInvoiced = t.Column<int>(nullable: false),
            NotBillable = t.Column<int>(nullable: false),
            Failed = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("runs"), x => x.Id));

        CreateModuleTable(migrationBuilder, "run_problems", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            RunId = t.Column<Guid>(nullable: false),
            ContractId = t.Column<Guid>(nullable: false),
            ContractNumber = t.Column<string>(nullable: false),
            Code = t.Column<string>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("run_problems"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "run_problems", ["RunId"]);

        CreateModuleTable(migrationBuilder, "payments", t => new
        {
            PaymentId = t.Column<Guid>(nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            Amount = t.Column<decimal>(nullable: false),
            Unallocated = t.Column<decimal>(nullable: false),
            Reversed = t.Column<decimal>(nullable: false),
            ReceivedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<Guid>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("payments"), x => x.PaymentId));
        CreateModuleIndex(migrationBuilder, "payments", ["CustomerId"]);

        CreateModuleTable(migrationBuilder, "allocations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PaymentId = t.Column<Guid>(nullable: false),
            InvoiceId = t.Column<Guid>(nullable: false),
            Amount = t.Column<decimal>(nullable: false),
            Position = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("allocations"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "allocations", ["PaymentId"]);
        CreateModuleIndex(migrationBuilder, "allocations", ["InvoiceId"]);

        CreateModuleTable(migrationBuilder, "invoice_emails", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            InvoiceId = t.Column<Guid>(nullable: false),
            Email = t.Column<string>(nullable: false),
            SentAt = t.Column<DateTime>(nullable: false),
            WithPdf = t.Column<bool>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("invoice_emails"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "invoice_emails", ["InvoiceId", "Email"], unique: true);
    }
}
