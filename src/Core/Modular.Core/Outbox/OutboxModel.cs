using Microsoft.EntityFrameworkCore;

namespace Modular.Core.Outbox;

/// <summary>The outbox, its archive and the inbox, mapped in every module's context (its schema or table prefix).</summary>
internal static class OutboxModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Type).IsRequired();
            e.Property(m => m.Payload).IsRequired();
        });
        modelBuilder.Entity<ArchivedOutboxMessage>(e =>
        {
            e.ToTable("outbox_archive");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages");
            e.HasKey(m => new { m.EventId, m.Consumer });
            e.Property(m => m.Consumer).HasMaxLength(300);
        });
    }
}
