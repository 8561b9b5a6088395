using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.Schedules;

/// <summary>
/// One row per job in Core's store (<c>core.schedules</c>): the occurrence last claimed and the lease of the runner
/// working on it. A runner claims an occurrence with one conditional update on this row, so of two instances racing
/// only one runs it; the columns after the lease are what staff and the health check see.
/// </summary>
internal sealed class ScheduleState
{
    public string Name { get; set; } = string.Empty;

    public string Module { get; set; } = string.Empty;

    public string Cron { get; set; } = string.Empty;

    public bool Enabled { get; set; }

    /// <summary>When a host first declared the job: occurrences before it are not owed.</summary>
    public Instant RegisteredAt { get; set; }

    public Instant? NextOccurrence { get; set; }

    /// <summary>The occurrence last claimed; only later ones are due.</summary>
    public Instant? LastOccurrence { get; set; }

    /// <summary>The runner working on <see cref="LastOccurrence"/>; null once the run ended (kept after an interrupted run, so it is taken over).</summary>
    public string? LeaseOwner { get; set; }

    public Instant? LeaseUntil { get; set; }

    public Instant? LastStartedAt { get; set; }

    public Instant? LastFinishedAt { get; set; }

    public ScheduledJobOutcome? LastOutcome { get; set; }

    public long? LastDurationMilliseconds { get; set; }

    public string? LastMessage { get; set; }

    public int ConsecutiveFailures { get; set; }
}

internal sealed class ScheduleStateConfiguration : IEntityTypeConfiguration<ScheduleState>, ICoreEntityConfiguration
{
    public const int MaxMessageLength = 2000;

    public void Configure(EntityTypeBuilder<ScheduleState> builder)
    {
        builder.ToTable("schedules");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Module).HasMaxLength(100);
        builder.Property(s => s.Cron).HasMaxLength(200);
        builder.Property(s => s.LeaseOwner).HasMaxLength(200);
        builder.Property(s => s.LastOutcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.LastMessage).HasMaxLength(MaxMessageLength);
    }
}
