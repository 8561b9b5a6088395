using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Payments.Persistence.Migrations;

/// <summary>Suspense entries returned to the payer (with a note) or split into parts (each part names its entry).</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("20261201190100_SuspenseDecisions")]
internal sealed class SuspenseDecisions : ModuleMigration
{
    protected override string ModuleSchema => PaymentsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        AddModuleColumn<string>(migrationBuilder, "suspense", "Note", nullable: true, maxLength: PaymentsDbContext.SuspenseNoteLength);
        AddModuleColumn<Guid>(migrationBuilder, "suspense", "ParentId", nullable: true);
        CreateModuleIndex(migrationBuilder, "suspense", ["ParentId"], filter: PaymentsDbContext.NotNull("ParentId"));
    }
}
