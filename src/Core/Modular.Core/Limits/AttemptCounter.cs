using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.Limits;

/// <summary>Failures counted for one key (<c>core.attempt_counters</c>); <see cref="Version"/> makes every change compare-and-swap.</summary>
internal sealed class AttemptCounter
{
    public string Key { get; set; } = string.Empty;

    public int Failures { get; set; }

    public Instant? LastFailureAt { get; set; }

    public int Version { get; set; }
}

internal sealed class AttemptCounterConfiguration : IEntityTypeConfiguration<AttemptCounter>, ICoreEntityConfiguration
{
    public const string Table = "attempt_counters";

    public void Configure(EntityTypeBuilder<AttemptCounter> e)
    {
        e.ToTable(Table);
        e.HasKey(c => c.Key);
        e.Property(c => c.Key).HasMaxLength(AttemptKey.MaxLength);
        e.HasIndex(c => c.LastFailureAt);
    }
}
