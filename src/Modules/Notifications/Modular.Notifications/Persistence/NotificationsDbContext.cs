using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Notifications.Domain;

namespace Modular.Notifications.Persistence;

internal sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "notifications";

    public const int TypeLength = 40;

    public const int SubjectLength = 200;

    public const int AddressLength = 320;

    public const int ModelLength = 8000;

    public override string Schema => SchemaName;

    public DbSet<NotificationMessage> Messages => Set<NotificationMessage>();

    public DbSet<NotificationPreferenceEntry> Preferences => Set<NotificationPreferenceEntry>();

    public DbSet<UserPhone> Phones => Set<UserPhone>();

    public DbSet<ChannelState> ChannelStates => Set<ChannelState>();

    public DbSet<SimulatedSms> SimulatedSms => Set<SimulatedSms>();

    public DbSet<WebhookReceipt> WebhookReceipts => Set<WebhookReceipt>();

    public DbSet<LinkKey> LinkKeys => Set<LinkKey>();

    // Outages (migration 20261202030000_Outages).
    public const int OutageTextLength = 2000;

    public DbSet<Outage> Outages => Set<Outage>();

    public DbSet<OutageUpdate> OutageUpdates => Set<OutageUpdate>();

    public DbSet<OutagePremises> OutagePremises => Set<OutagePremises>();

    // Leak warnings (migration 20261202030100_LeakEpisodes).
    public DbSet<LeakEpisode> LeakEpisodes => Set<LeakEpisode>();

    // Two-way SMS (migration 20261202030200_InboundSms).
    public DbSet<Inbound.InboundSms> InboundSms => Set<Inbound.InboundSms>();

    // One block per entity, so the outage, leak and inbound SMS entities add their own blocks without touching these.
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NotificationMessage>(e =>
        {
            e.ToTable("messages");
            e.Property(m => m.Type).HasMaxLength(TypeLength);
            e.Property(m => m.SubjectKey).HasMaxLength(SubjectLength);
            e.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
            e.Property(m => m.Address).HasMaxLength(AddressLength);
            e.Property(m => m.Culture).HasMaxLength(10);
            e.Property(m => m.Template).HasMaxLength(100);
            e.Property(m => m.Model).HasMaxLength(ModelLength);
            e.Property(m => m.Attachment).HasMaxLength(200);
            e.Property(m => m.Summary).HasMaxLength(1000);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.ProviderId).HasMaxLength(100);
            e.Property(m => m.LastError).HasMaxLength(1000);
            e.HasIndex(m => new { m.UserId, m.Type, m.SubjectKey, m.Channel }).IsUnique();
            e.HasIndex(m => new { m.Status, m.NotBefore });
            e.HasIndex(m => new { m.UserId, m.CreatedAt });
            e.HasIndex(m => new { m.CustomerId, m.CreatedAt });
            e.HasIndex(m => m.ProviderId);
        });
        modelBuilder.Entity<NotificationPreferenceEntry>(e =>
        {
            e.ToTable("preferences");
            e.HasKey(p => new { p.UserId, p.Type, p.Channel });
            e.Property(p => p.Type).HasMaxLength(TypeLength);
            e.Property(p => p.Channel).HasConversion<string>().HasMaxLength(10);
        });
        modelBuilder.Entity<UserPhone>(e =>
        {
            e.ToTable("phones");
            e.HasKey(p => p.UserId);
            e.Property(p => p.Number).HasMaxLength(20);
            e.Property(p => p.CodeHash).HasMaxLength(64);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => p.Number);
        });
        modelBuilder.Entity<ChannelState>(e =>
        {
            e.ToTable("channel_states");
            e.HasKey(s => new { s.UserId, s.Channel });
            e.Property(s => s.Channel).HasConversion<string>().HasMaxLength(10);
        });
        modelBuilder.Entity<SimulatedSms>(e =>
        {
            e.ToTable("simulated_sms");
            e.Property(s => s.To).HasMaxLength(20);
            e.Property(s => s.Text).HasMaxLength(1600);
            e.HasIndex(s => s.SentAt);
        });
        modelBuilder.Entity<WebhookReceipt>(e =>
        {
            e.ToTable("webhook_receipts");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasMaxLength(64);
            e.HasIndex(r => r.ReceivedAt);
        });

        // The unsubscribe links' key (its own migration, 20261202020000_LinkKeys).
        modelBuilder.Entity<LinkKey>(e =>
        {
            e.ToTable("link_keys");
            e.Property(k => k.Id).ValueGeneratedNever();
        });

        // Outages: the outage, its steps, the premises matched to its area.
        modelBuilder.Entity<Outage>(e =>
        {
            e.ToTable("outages");
            e.Property(o => o.Number).HasMaxLength(32);
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.TextRo).HasMaxLength(OutageTextLength);
            e.Property(o => o.TextEn).HasMaxLength(OutageTextLength);
            e.Property(o => o.TextLv).HasMaxLength(OutageTextLength);
            e.Property(o => o.Localities).HasMaxLength(2000);
            e.Property(o => o.Version).IsConcurrencyToken();
            e.Ignore(o => o.Texts);
            e.HasIndex(o => o.Number).IsUnique();
            e.HasIndex(o => new { o.RestoredAt, o.Start });
        });
        modelBuilder.Entity<OutageUpdate>(e =>
        {
            e.ToTable("outage_updates");
            e.Property(u => u.Step).HasConversion<string>().HasMaxLength(20);
            e.Property(u => u.TextRo).HasMaxLength(OutageTextLength);
            e.Property(u => u.TextEn).HasMaxLength(OutageTextLength);
            e.Property(u => u.TextLv).HasMaxLength(OutageTextLength);
            e.HasOne<Outage>().WithMany().HasForeignKey(u => u.OutageId);
            e.HasIndex(u => new { u.OutageId, u.Number }).IsUnique();
        });
        modelBuilder.Entity<OutagePremises>(e =>
        {
            e.ToTable("outage_premises");
            e.HasKey(p => new { p.OutageId, p.ContractId });
            e.Property(p => p.ContractNumber).HasMaxLength(50);
            e.Property(p => p.Address).HasMaxLength(500);
            e.HasOne<Outage>().WithMany().HasForeignKey(p => p.OutageId);
            e.HasIndex(p => p.ContractId);
        });

        // Leak warnings: one open episode per contract at most.
        modelBuilder.Entity<LeakEpisode>(e =>
        {
            e.ToTable("leak_episodes");
            e.Property(x => x.Signal).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => x.ContractId).IsUnique().HasFilter("\"ClosedOn\" IS NULL");
            e.HasIndex(x => new { x.ContractId, x.OpenedByReading }).IsUnique();
        });

        // Two-way SMS: each inbound message once, by the provider's id.
        modelBuilder.Entity<Inbound.InboundSms>(e =>
        {
            e.ToTable("inbound_sms");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasMaxLength(100);
            e.Property(m => m.From).HasMaxLength(30);
            e.Property(m => m.Text).HasMaxLength(1600);
            e.Property(m => m.Outcome).HasMaxLength(30);
            e.Property(m => m.Reply).HasMaxLength(1600);
            e.HasIndex(m => m.ReceivedAt);
        });
    }
}
