using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Payments.Persistence.Migrations;

/// <summary>
/// The cashier's desk: the cash tendered and the POS terminal's reference on counter payments, the desk each staff
/// session works at, the cashier's day per desk (closed once) and the cancellations waiting for a supervisor.
/// </summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261201180000_CashierDesk")]
internal sealed class CashierDesk : ModuleMigration
{
    protected override string ModuleSchema => PaymentsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<decimal>("Tendered", Table("payments"), nullable: true, schema: Schema);
        migrationBuilder.AddColumn<string>("CardReference", Table("payments"), maxLength: 100, nullable: true, schema: Schema);
        CreateModuleIndex(migrationBuilder, "payments", ["Operator", "CreatedAt"], filter: PaymentsDbContext.NotNull("Operator"));

        const string days = PaymentsDbContext.CashierDaysTable;
        CreateModuleTable(migrationBuilder, days, t => new
        {
            Id = t.Column<Guid>(nullable: false),
            StaffId = t.Column<Guid>(nullable: false),
            Centre = t.Column<string>(maxLength: 100, nullable: false),
            Desk = t.Column<string>(maxLength: 100, nullable: false),
            Date = t.LocalDate(),
            Changes = t.Column<int>(nullable: false),
            ClosedAt = t.Instant(nullable: true),
            ClosedCashToHandOver = t.Column<decimal>(nullable: true),
            ClosedCard = t.Column<decimal>(nullable: true),
            ClosedReceipts = t.Column<int>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table(days), x => x.Id));
        CreateModuleIndex(migrationBuilder, days, ["StaffId", "Centre", "Desk", "Date"], unique: true);

        const string desks = PaymentsDbContext.CashierDesksTable;
        CreateModuleTable(migrationBuilder, desks, t => new
        {
            SessionId = t.Column<Guid>(nullable: false),
            StaffId = t.Column<Guid>(nullable: false),
            Centre = t.Column<string>(maxLength: 100, nullable: false),
            Desk = t.Column<string>(maxLength: 100, nullable: false),
            ChosenAt = t.Instant(),
        }, t => t.PrimaryKey("PK_" + Table(desks), x => x.SessionId));

        const string cancellations = PaymentsDbContext.CounterCancellationsTable;
        CreateModuleTable(migrationBuilder, cancellations, t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PaymentId = t.Column<Guid>(nullable: false),
            RequestedBy = t.Column<Guid>(nullable: false),
            Reason = t.Column<string>(maxLength: 500, nullable: false),
            RequestedAt = t.Instant(),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            DecidedBy = t.Column<Guid>(nullable: true),
            DecidedAt = t.Instant(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table(cancellations), x => x.Id));
        CreateModuleIndex(migrationBuilder, cancellations, ["PaymentId"], unique: true);
        CreateModuleIndex(migrationBuilder, cancellations, ["Status"]);
    }
}
