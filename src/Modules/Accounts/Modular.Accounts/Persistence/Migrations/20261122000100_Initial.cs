using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Accounts.Persistence.Migrations;

[DbContext(typeof(AccountsDbContext))]
[Migration("20261122000100_Initial")]
internal sealed class Initial : ModuleMigration
{
    protected override string ModuleSchema => AccountsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);

        CreateModuleTable(migrationBuilder, "customers", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ClientCode = t.Column<string>(maxLength: 50, nullable: false),
            LegalType = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 300, nullable: false),
            Email = t.Column<string>(maxLength: 320, nullable: true),
            Phone = t.Column<string>(maxLength: 20, nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("customers"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "customers", ["ClientCode"], unique: true);

        CreateModuleTable(migrationBuilder, "contracts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            ContractNumber = t.Column<string>(maxLength: 50, nullable: false),
            InternalCode = t.Column<string>(maxLength: 50, nullable: true),
            ServiceAddress = t.Column<string>(maxLength: 500, nullable: false),
            Services = t.Column<int>(nullable: false),
            StartDate = t.Column<DateOnly>(nullable: false),
            EndDate = t.Column<DateOnly>(nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("contracts"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "contracts", ["ContractNumber"], unique: true);
        CreateModuleIndex(migrationBuilder, "contracts", ["CustomerId"]);

        CreateModuleTable(migrationBuilder, "users", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Email = t.Column<string>(maxLength: 320, nullable: false),
            NormalizedEmail = t.Column<string>(maxLength: 320, nullable: false),
            PasswordHash = t.Column<string>(maxLength: 300, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            EmailConfirmedAt = t.Column<DateTime>(nullable: true),
            Phone = t.Column<string>(maxLength: 20, nullable: true),
            Culture = t.Column<string>(maxLength: 5, nullable: false),
            TermsVersion = t.Column<string>(maxLength: 50, nullable: true),
            TermsAcceptedAt = t.Column<DateTime>(nullable: true),
            InvoiceByEmail = t.Column<bool>(nullable: false),
            InvoiceConditionsVersion = t.Column<string>(maxLength: 50, nullable: true),
            InvoiceConditionsAcceptedAt = t.Column<DateTime>(nullable: true),
            FailedLogins = t.Column<int>(nullable: false),
            LockedUntil = t.Column<DateTime>(nullable: true),
            LastLoginAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<Guid>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("users"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "users", ["NormalizedEmail"], unique: true);

        CreateModuleTable(migrationBuilder, "user_customers", t => new
        {
            UserId = t.Column<Guid>(nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            LinkedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("user_customers"), x => new { x.UserId, x.CustomerId }));
        CreateModuleIndex(migrationBuilder, "user_customers", ["CustomerId"]);

        CreateModuleTable(migrationBuilder, "user_tokens", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            Purpose = t.Column<int>(nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
            UsedAt = t.Column<DateTime>(nullable: true),
            NewEmail = t.Column<string>(maxLength: 320, nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("user_tokens"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "user_tokens", ["Hash"], unique: true);
        CreateModuleIndex(migrationBuilder, "user_tokens", ["UserId"]);
    }
}
