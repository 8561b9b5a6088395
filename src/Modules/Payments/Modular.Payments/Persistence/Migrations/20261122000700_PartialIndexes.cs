using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Payments.Persistence.Migrations;

/// <summary>
/// Indexes on columns most payments leave empty (idempotency key and receipt: counter and online only; external key:
/// imports only) or on a state few payments are in (pending) only hold the rows they serve: an imported payment then
/// writes four index entries instead of seven.
/// </summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261122000700_PartialIndexes")]
internal sealed class PartialIndexes : ModuleMigration
{
    private static readonly (string[] Columns, bool Unique, string Filter)[] Indexes =
    [
        (["IdempotencyKey"], true, PaymentsDbContext.NotNull("IdempotencyKey")),
        (["ExternalKey"], true, PaymentsDbContext.NotNull("ExternalKey")),
        (["ReceiptNumber"], true, PaymentsDbContext.NotNull("ReceiptNumber")),
        (["Status", "CreatedAt"], false, PaymentsDbContext.PendingOnly),
    ];

    protected override string ModuleSchema => PaymentsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (columns, unique, filter) in Indexes)
        {
            DropModuleIndex(migrationBuilder, "payments", columns);
            CreateModuleIndex(migrationBuilder, "payments", columns, unique, filter);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (columns, unique, _) in Indexes)
        {
            DropModuleIndex(migrationBuilder, "payments", columns);
            CreateModuleIndex(migrationBuilder, "payments", columns, unique);
        }
    }
}
