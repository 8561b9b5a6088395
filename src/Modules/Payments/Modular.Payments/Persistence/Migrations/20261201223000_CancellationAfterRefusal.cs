using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Payments.Persistence.Migrations;

/// <summary>A refused cancellation request no longer blocks a new one: the one-per-payment key counts only standing requests.</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261201223000_CancellationAfterRefusal")]
internal sealed class CancellationAfterRefusal : ModuleMigration
{
    protected override string ModuleSchema => PaymentsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        DropModuleIndex(migrationBuilder, PaymentsDbContext.CounterCancellationsTable, ["PaymentId"]);
        CreateModuleIndex(migrationBuilder, PaymentsDbContext.CounterCancellationsTable, ["PaymentId"], unique: true, filter: PaymentsDbContext.NotRefused);
    }
}
