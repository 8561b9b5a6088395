using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Kiosks.Persistence.Migrations;

/// <summary>The module's basics (outbox with delivery per consumer, inbox), kiosks with their key hash, their days and transactions.</summary>
[DbContext(typeof(KiosksDbContext))]
[Migration("20261202040000_InitialKiosks")]
internal sealed class InitialKiosks : ModuleMigration
{
    protected override string ModuleSchema => KiosksDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        UpgradeOutboxToPerConsumerDelivery(migrationBuilder);

        CreateModuleTable(migrationBuilder, "kiosks", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: KiosksDbContext.CodeLength, nullable: false),
            Centre = t.Column<string>(maxLength: KiosksDbContext.CentreLength, nullable: false),
            Name = t.Column<string>(maxLength: KiosksDbContext.NameLength, nullable: false),
            KeyHash = t.Column<string>(maxLength: 64, nullable: false),
            RegisteredAt = t.Column<DateTime>(nullable: false),
            RetiredAt = t.Column<DateTime>(nullable: true),
            LastSeenAt = t.Column<DateTime>(nullable: true),
            PendingEntries = t.Column<int>(nullable: false),
            SoftwareVersion = t.Column<string>(maxLength: 50, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("kiosks"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "kiosks", ["Code"], unique: true);
        CreateModuleIndex(migrationBuilder, "kiosks", ["KeyHash"]);

        CreateModuleTable(migrationBuilder, "days", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            KioskId = t.Column<Guid>(nullable: false),
            Day = t.LocalDate(),
            OpenedAt = t.Column<DateTime>(nullable: false),
            ClosedAt = t.Column<DateTime>(nullable: true),
            ClosedBy = t.Column<Guid>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("days"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "days", ["KioskId", "Day"], unique: true);

        CreateModuleTable(migrationBuilder, "transactions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            KioskId = t.Column<Guid>(nullable: false),
            EntryId = t.Column<Guid>(nullable: false),
            PaymentId = t.Column<Guid>(nullable: false),
            Day = t.LocalDate(),
            Method = t.Column<string>(maxLength: 10, nullable: false),
            Amount = t.Column<decimal>(nullable: false),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            Notes = t.Column<string>(maxLength: 1000, nullable: false),
            CardAuthorization = t.Column<string>(maxLength: 50, nullable: true),
            TakenAt = t.Column<DateTime>(nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("transactions"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "transactions", ["KioskId", "EntryId"], unique: true);
        CreateModuleIndex(migrationBuilder, "transactions", ["KioskId", "Day"]);
    }
}
