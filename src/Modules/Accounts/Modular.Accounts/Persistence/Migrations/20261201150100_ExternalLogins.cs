using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Accounts.Persistence.Migrations;

/// <summary>Links of portal users to identities at external OpenID Connect providers (one per provider and user, one user per identity).</summary>
[DbContext(typeof(AccountsDbContext))]
[Migration("20261201150100_ExternalLogins")]
internal sealed class ExternalLogins : ModuleMigration
{
    protected override string ModuleSchema => AccountsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleTable(migrationBuilder, "external_logins", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            Provider = t.Column<string>(maxLength: 30, nullable: false),
            Subject = t.Column<string>(maxLength: 200, nullable: false),
            IdentityHash = t.Column<string>(maxLength: 64, nullable: false),
            LinkedAt = t.Column<DateTime>(nullable: false),
            LastUsedAt = t.Column<DateTime>(nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("external_logins"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "external_logins", ["Provider", "Subject"], unique: true);
        CreateModuleIndex(migrationBuilder, "external_logins", ["UserId", "Provider"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(Table("external_logins"), Schema);
}
