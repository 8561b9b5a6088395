using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Accounts.Persistence.Migrations;

/// <summary>A customer's fiscal, registration and personal codes and postal address in parts, for e-invoices. All optional.</summary>
[DbContext(typeof(AccountsDbContext))]
[Migration("20261201060100_CustomerLegalData")]
internal sealed class CustomerLegalData : ModuleMigration
{
    /// <summary>The columns and their lengths (the model declares the same).</summary>
    public static readonly (string Name, int Length)[] Columns =
    [
        ("TaxId", 20), ("RegistrationNumber", 50), ("PersonalCode", 20), ("Street", 150), ("City", 50), ("County", 50), ("PostalCode", 20),
        ("Country", 2),
    ];

    protected override string ModuleSchema => AccountsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, length) in Columns)
        {
            migrationBuilder.AddColumn<string>(name, Table("customers"), maxLength: length, nullable: true, schema: Schema);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, _) in Columns)
        {
            migrationBuilder.DropColumn(name, Table("customers"), Schema);
        }
    }
}
