using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.Demo;

/// <summary>
/// The one row that says demo data was claimed, by whom and until when, which modules finished, and when it completed.
/// Its key makes the claim unique across instances; its lease lets another instance take over a load that died.
/// </summary>
internal sealed class DemoDataState
{
    public const string Key = "demo";

    public string Id { get; set; } = Key;

    public Instant StartedAt { get; set; }

    public Instant? CompletedAt { get; set; }

    public string Owner { get; set; } = string.Empty;

    public Instant LeaseUntil { get; set; }

    /// <summary>Modules whose demo data is loaded, space-separated.</summary>
    public string CompletedModules { get; set; } = string.Empty;
}

internal sealed class DemoDataStateConfiguration : IEntityTypeConfiguration<DemoDataState>, ICoreEntityConfiguration
{
    public void Configure(EntityTypeBuilder<DemoDataState> builder)
    {
        builder.ToTable("demo_data");
        builder.Property(s => s.Id).HasMaxLength(20);
        builder.Property(s => s.Owner).HasMaxLength(100);
        builder.Property(s => s.CompletedModules).HasMaxLength(2000);
    }
}
