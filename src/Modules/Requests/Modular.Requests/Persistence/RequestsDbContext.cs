using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Requests.Domain;

namespace Modular.Requests.Persistence;

internal sealed class RequestsDbContext(DbContextOptions<RequestsDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "requests";

    internal const string NumberSeriesTable = "number_series";

    public const int BodyLength = 4000;

    public override string Schema => SchemaName;

    public DbSet<ServiceRequest> Requests => Set<ServiceRequest>();

    public DbSet<RequestMessage> Messages => Set<RequestMessage>();

    public DbSet<RequestAttachment> Attachments => Set<RequestAttachment>();

    public DbSet<RequestHistoryEntry> History => Set<RequestHistoryEntry>();

    public DbSet<StoredFile> Files => Set<StoredFile>();

    public DbSet<NumberSeries> NumberSeries => Set<NumberSeries>();

    public DbSet<Act> Acts => Set<Act>();

    public DbSet<ActReading> ActReadings => Set<ActReading>();

    // One block per entity, so the acts' entities add their own blocks without touching these.
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ServiceRequest>(e =>
        {
            e.ToTable("requests");
            e.Property(r => r.Number).HasMaxLength(32);
            e.Property(r => r.FormCode).HasMaxLength(64);
            e.Property(r => r.Department).HasMaxLength(64);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(r => r.Channel).HasMaxLength(20);
            e.Property(r => r.IdempotencyKey).HasMaxLength(100);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => r.Number).IsUnique();
            e.HasIndex(r => new { r.CustomerId, r.IdempotencyKey }).IsUnique();
            e.HasIndex(r => new { r.Department, r.Status });
            e.HasIndex(r => r.DueAt);
        });
        modelBuilder.Entity<RequestMessage>(e =>
        {
            e.ToTable("messages");
            e.Property(m => m.Author).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Body).HasMaxLength(BodyLength);
            e.Property(m => m.IdempotencyKey).HasMaxLength(100);
            e.HasIndex(m => m.RequestId);
            e.HasIndex(m => new { m.RequestId, m.IdempotencyKey }).IsUnique();
        });
        modelBuilder.Entity<RequestAttachment>(e =>
        {
            e.ToTable("attachments");
            e.Property(a => a.FieldCode).HasMaxLength(64);
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.StorageKey).HasMaxLength(200);
            e.HasIndex(a => a.RequestId);
        });
        modelBuilder.Entity<RequestHistoryEntry>(e =>
        {
            e.ToTable("history");
            e.Property(h => h.From).HasConversion<string>().HasMaxLength(30);
            e.Property(h => h.To).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(h => h.RequestId);
        });
        modelBuilder.Entity<StoredFile>(e =>
        {
            e.ToTable("files");
            e.HasKey(f => f.Key);
            e.Property(f => f.Key).HasMaxLength(200);
        });
        modelBuilder.Entity<NumberSeries>(e =>
        {
            e.ToTable(NumberSeriesTable);
            e.HasKey(s => s.Series);
            e.Property(s => s.Series).HasMaxLength(32);
        });

        // Inspection acts (their own migration, 20261201230000_InspectionActs).
        modelBuilder.Entity<Act>(e =>
        {
            e.ToTable("acts");
            e.Property(a => a.Number).HasMaxLength(ActNumberLength);
            e.Property(a => a.ContractNumber).HasMaxLength(50);
            e.Property(a => a.ServiceAddress).HasMaxLength(300);
            e.Property(a => a.Type).HasConversion<string>().HasMaxLength(30);
            e.Property(a => a.Inspector).HasMaxLength(ActInspectorLength);
            e.Property(a => a.Findings).HasMaxLength(ActFindingsLength);
            e.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.Fingerprint).HasMaxLength(64);
            e.Property(a => a.DocumentKey).HasMaxLength(200);
            e.Property(a => a.DocumentName).HasMaxLength(200);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.Property(a => a.CorrectionReason).HasMaxLength(ActCorrectionReasonLength);
            e.HasIndex(a => a.Number).IsUnique();
            e.HasIndex(a => new { a.ContractId, a.RegisteredOn });
            e.HasIndex(a => new { a.CustomerId, a.RegisteredOn });
            e.HasMany(a => a.Readings).WithOne().HasForeignKey(r => r.ActId);
        });
        modelBuilder.Entity<ActReading>(e =>
        {
            e.ToTable("act_readings");
            e.Property(r => r.Serial).HasMaxLength(50);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.RefusalCode).HasMaxLength(100);
            e.HasIndex(r => r.ActId);
        });
    }

    public const int ActNumberLength = 40;

    public const int ActInspectorLength = 100;

    public const int ActFindingsLength = 4000;

    public const int ActCorrectionReasonLength = 500;
}

/// <summary>The last request number issued per series (prefix and year, e.g. <c>CR-2026</c>).</summary>
internal sealed class NumberSeries
{
    public string Series { get; set; } = string.Empty;

    public long LastNumber { get; set; }
}
