using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Notifications.Persistence.Migrations;

/// <summary>The module's basics (outbox with delivery per consumer, inbox), messages, preferences, phones, channel states, the SMS simulator and webhook receipts.</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261202010000_InitialNotifications")]
internal sealed class InitialNotifications : ModuleMigration
{
    protected override string ModuleSchema => NotificationsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        UpgradeOutboxToPerConsumerDelivery(migrationBuilder);

        CreateModuleTable(migrationBuilder, "messages", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            ContractId = t.Column<Guid>(nullable: true),
            Type = t.Column<string>(maxLength: NotificationsDbContext.TypeLength, nullable: false),
            SubjectKey = t.Column<string>(maxLength: NotificationsDbContext.SubjectLength, nullable: false),
            Channel = t.Column<string>(maxLength: 10, nullable: false),
            Address = t.Column<string>(maxLength: NotificationsDbContext.AddressLength, nullable: false),
            Culture = t.Column<string>(maxLength: 10, nullable: false),
            Template = t.Column<string>(maxLength: 100, nullable: false),
            Model = t.Column<string>(maxLength: NotificationsDbContext.ModelLength, nullable: false),
            Attachment = t.Column<string>(maxLength: 200, nullable: true),
            Summary = t.Column<string>(maxLength: 1000, nullable: true),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            CreatedAt = t.Instant(),
            NotBefore = t.Instant(),
            LeaseUntil = t.Instant(nullable: true),
            Attempts = t.Column<int>(nullable: false),
            SentAt = t.Instant(nullable: true),
            StatusAt = t.Instant(nullable: true),
            ProviderId = t.Column<string>(maxLength: 100, nullable: true),
            LastError = t.Column<string>(maxLength: 1000, nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("messages"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "messages", ["UserId", "Type", "SubjectKey", "Channel"], unique: true);
        CreateModuleIndex(migrationBuilder, "messages", ["Status", "NotBefore"]);
        CreateModuleIndex(migrationBuilder, "messages", ["UserId", "CreatedAt"]);
        CreateModuleIndex(migrationBuilder, "messages", ["CustomerId", "CreatedAt"]);
        CreateModuleIndex(migrationBuilder, "messages", ["ProviderId"]);

        CreateModuleTable(migrationBuilder, "preferences", t => new
        {
            UserId = t.Column<Guid>(nullable: false),
            Type = t.Column<string>(maxLength: NotificationsDbContext.TypeLength, nullable: false),
            Channel = t.Column<string>(maxLength: 10, nullable: false),
            Enabled = t.Column<bool>(nullable: false),
            UpdatedAt = t.Instant(),
        }, t => t.PrimaryKey("PK_" + Table("preferences"), x => new { x.UserId, x.Type, x.Channel }));

        CreateModuleTable(migrationBuilder, "phones", t => new
        {
            UserId = t.Column<Guid>(nullable: false),
            Number = t.Column<string>(maxLength: 20, nullable: false),
            VerifiedAt = t.Instant(nullable: true),
            CodeHash = t.Column<string>(maxLength: 64, nullable: true),
            CodeExpiresAt = t.Instant(nullable: true),
            CodeSentAt = t.Instant(nullable: true),
            CodeAttempts = t.Column<int>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("phones"), x => x.UserId));
        CreateModuleIndex(migrationBuilder, "phones", ["Number"]);

        CreateModuleTable(migrationBuilder, "channel_states", t => new
        {
            UserId = t.Column<Guid>(nullable: false),
            Channel = t.Column<string>(maxLength: 10, nullable: false),
            HardFailures = t.Column<int>(nullable: false),
            PausedAt = t.Instant(nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("channel_states"), x => new { x.UserId, x.Channel }));

        CreateModuleTable(migrationBuilder, "simulated_sms", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            To = t.Column<string>(maxLength: 20, nullable: false),
            Text = t.Column<string>(maxLength: 1600, nullable: false),
            SentAt = t.Instant(),
        }, t => t.PrimaryKey("PK_" + Table("simulated_sms"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "simulated_sms", ["SentAt"]);

        CreateModuleTable(migrationBuilder, "webhook_receipts", t => new
        {
            Id = t.Column<string>(maxLength: 64, nullable: false),
            ReceivedAt = t.Instant(),
        }, t => t.PrimaryKey("PK_" + Table("webhook_receipts"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "webhook_receipts", ["ReceivedAt"]);
    }
}
