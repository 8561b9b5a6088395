using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.PersonalData;

/// <summary>
/// One "download my data" request (<c>core.personal_data_exports</c>): pending until a builder holding its lease stores
/// the archive, then ready until <see cref="ExpiresAt"/>. The archive lives in the row so any instance can serve it.
/// </summary>
internal sealed class PersonalDataExport
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public PersonalDataExportStatus Status { get; set; }

    public Instant RequestedAt { get; set; }

    /// <summary>The builder working on it and until when; a builder that died stops renewing and another takes over.</summary>
    public string? LeaseOwner { get; set; }

    public Instant? LeaseUntil { get; set; }

    /// <summary>Builds started (a killed or failed one leaves the request pending for the next).</summary>
    public int Attempts { get; set; }

    public Instant? ReadyAt { get; set; }

    public Instant? ExpiresAt { get; set; }

    public string? FileName { get; set; }

    public long? Size { get; set; }

    public byte[]? Content { get; set; }

    public PersonalDataExportView View() => new(Id, Status, RequestedAt, ReadyAt, ExpiresAt, Size);
}

internal sealed class PersonalDataExportConfiguration : IEntityTypeConfiguration<PersonalDataExport>, ICoreEntityConfiguration
{
    public const string Table = "personal_data_exports";

    public void Configure(EntityTypeBuilder<PersonalDataExport> e)
    {
        e.ToTable(Table);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.LeaseOwner).HasMaxLength(100);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.HasIndex(x => new { x.UserId, x.RequestedAt });
        e.HasIndex(x => new { x.Status, x.RequestedAt });
    }
}
