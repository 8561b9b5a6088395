using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>
/// One consumer's delivery of one outbox message (Core's store, <c>outbox_deliveries</c>). It exists from dispatch until
/// the consumer has the event, then it is deleted; it carries the consumer's own retries, lease and dead-letter state,
/// so one consumer failing never holds back another.
/// </summary>
public sealed class OutboxDelivery
{
    private OutboxDelivery()
    {
    }

    /// <summary>The schema of the module store whose outbox holds the message (e.g. <c>payments</c>).</summary>
    public string Store { get; private set; } = null!;

    public Guid MessageId { get; private set; }

    public string Consumer { get; private set; } = null!;

    public Instant OccurredAt { get; private set; }

    public Instant NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The dispatcher pass holding the lease; leases expire so a crashed instance's work is picked up again.</summary>
    public string? LockedBy { get; private set; }

    public Instant? LockedUntil { get; private set; }

    /// <summary>Set after the last allowed attempt failed: no longer retried until staff retry or drop it.</summary>
    public Instant? DeadAt { get; private set; }
}

/// <summary>A consumer and an event type it takes, as registered by every host that composes it (<c>outbox_subscriptions</c>).</summary>
public sealed class OutboxSubscription
{
    private OutboxSubscription()
    {
    }

    public string Consumer { get; private set; } = null!;

    /// <summary>The event type's name as outbox rows store it (full name, assembly).</summary>
    public string EventType { get; private set; } = null!;

    public Instant RegisteredAt { get; private set; }

    public Instant LastSeenAt { get; private set; }

    /// <summary>The application name of the host that registered it last.</summary>
    public string LastSeenBy { get; private set; } = null!;
}

/// <summary>A module store whose outbox the dispatchers of every host serve (<c>outbox_stores</c>).</summary>
public sealed class OutboxStore
{
    private OutboxStore()
    {
    }

    /// <summary>The module's schema (PostgreSQL) or table prefix (SQLite).</summary>
    public string Schema { get; private set; } = null!;

    public string Module { get; private set; } = null!;

    public Instant RegisteredAt { get; private set; }
}

internal sealed class OutboxDeliveryConfiguration : IEntityTypeConfiguration<OutboxDelivery>, ICoreEntityConfiguration
{
    public void Configure(EntityTypeBuilder<OutboxDelivery> e)
    {
        e.ToTable("outbox_deliveries");
        e.HasKey(d => new { d.MessageId, d.Consumer });
        e.Property(d => d.Store).HasMaxLength(63);
        e.Property(d => d.Consumer).HasMaxLength(300);
        e.Property(d => d.LockedBy).HasMaxLength(32);
        e.HasIndex(d => new { d.Consumer, d.NextAttemptAt }).HasFilter("\"DeadAt\" IS NULL");
        e.HasIndex(d => d.DeadAt).HasFilter("\"DeadAt\" IS NOT NULL");
    }
}

internal sealed class OutboxSubscriptionConfiguration : IEntityTypeConfiguration<OutboxSubscription>, ICoreEntityConfiguration
{
    public void Configure(EntityTypeBuilder<OutboxSubscription> e)
    {
        e.ToTable("outbox_subscriptions");
        e.HasKey(s => new { s.Consumer, s.EventType });
        e.Property(s => s.Consumer).HasMaxLength(300);
        e.Property(s => s.EventType).HasMaxLength(500);
        e.Property(s => s.LastSeenBy).HasMaxLength(200);
        e.HasIndex(s => s.EventType);
    }
}

internal sealed class OutboxStoreConfiguration : IEntityTypeConfiguration<OutboxStore>, ICoreEntityConfiguration
{
    public void Configure(EntityTypeBuilder<OutboxStore> e)
    {
        e.ToTable("outbox_stores");
        e.HasKey(s => s.Schema);
        e.Property(s => s.Schema).HasMaxLength(63);
        e.Property(s => s.Module).HasMaxLength(100);
    }
}
