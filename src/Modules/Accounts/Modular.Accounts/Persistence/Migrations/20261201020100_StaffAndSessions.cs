using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Accounts.Persistence.Migrations;

/// <summary>Staff accounts with their recovery codes, and the server-side sessions of portal users and staff.</summary>
[DbContext(typeof(AccountsDbContext))]
[Migration("20261201020100_StaffAndSessions")]
internal sealed class StaffAndSessions : ModuleMigration
{
    protected override string ModuleSchema => AccountsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleTable(migrationBuilder, "staff_members", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Email = t.Column<string>(maxLength: 320, nullable: false),
            NormalizedEmail = t.Column<string>(maxLength: 320, nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: false),
            Roles = t.Column<string>(maxLength: 500, nullable: false),
            PasswordHash = t.Column<string>(maxLength: 300, nullable: false),
            TotpSecret = t.Column<string>(maxLength: 64, nullable: false),
            LastTotpStep = t.Column<long>(nullable: true),
            FailedLogins = t.Column<int>(nullable: false),
            LockedUntil = t.Column<DateTime>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            LastLoginAt = t.Column<DateTime>(nullable: true),
            DisabledAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<Guid>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("staff_members"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "staff_members", ["NormalizedEmail"], unique: true);

        CreateModuleTable(migrationBuilder, "staff_recovery_codes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            StaffId = t.Column<Guid>(nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UsedAt = t.Column<DateTime>(nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("staff_recovery_codes"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "staff_recovery_codes", ["StaffId", "Hash"], unique: true);

        CreateModuleTable(migrationBuilder, "sessions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            PrincipalId = t.Column<Guid>(nullable: false),
            SecretHash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            LastSeenAt = t.Column<DateTime>(nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
            EndedAt = t.Column<DateTime>(nullable: true),
            EndReason = t.Column<string>(maxLength: 50, nullable: true),
            ClientAddress = t.Column<string>(maxLength: 100, nullable: true),
            UserAgent = t.Column<string>(maxLength: 300, nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("sessions"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "sessions", ["SecretHash"], unique: true);
        CreateModuleIndex(migrationBuilder, "sessions", ["PrincipalId", "Kind"], filter: "\"EndedAt\" IS NULL");
    }
}
