using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Accounts.Persistence.Migrations;

/// <summary>A portal user may close their account: when (the anonymised row stays).</summary>
[DbContext(typeof(AccountsDbContext))]
[Migration("20261201160100_AccountClosing")]
internal sealed class AccountClosing : ModuleMigration
{
    protected override string ModuleSchema => AccountsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) =>
        AddModuleColumn<Instant>(migrationBuilder, "users", "ClosedAt", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("ClosedAt", Table("users"), Schema);
}
