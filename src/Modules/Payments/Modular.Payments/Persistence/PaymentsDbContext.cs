using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;

namespace Modular.Payments.Persistence;

internal sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "payments";

    public override string Schema => SchemaName;

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentSplit> Splits => Set<PaymentSplit>();

    public DbSet<PaymentHistory> History => Set<PaymentHistory>();

    public DbSet<PaymentRefund> Refunds => Set<PaymentRefund>();

    public DbSet<SuspenseItem> Suspense => Set<SuspenseItem>();

    public DbSet<PaymentImport> Imports => Set<PaymentImport>();

    public DbSet<PaymentImportLine> ImportLines => Set<PaymentImportLine>();

    public DbSet<InvoiceClaim> InvoiceClaims => Set<InvoiceClaim>();

    public DbSet<ReceiptSeries> ReceiptSeries => Set<ReceiptSeries>();

    public DbSet<CashierDay> CashierDays => Set<CashierDay>();

    public DbSet<CashierDeskChoice> CashierDesks => Set<CashierDeskChoice>();

    public DbSet<CounterCancellation> CounterCancellations => Set<CounterCancellation>();

    /// <summary>Partial index filters, written so both providers accept them (see the PartialIndexes migration).</summary>
    internal static readonly string PendingOnly = $"\"{nameof(Payment.Status)}\" = '{nameof(PaymentStatus.Pending)}'";

    internal const string InvoiceClaimsTable = "invoice_claims";

    internal const string ReceiptSeriesTable = "receipt_series";

    internal const string CashierDaysTable = "cashier_days";

    internal const string CashierDesksTable = "cashier_desks";

    internal const string CounterCancellationsTable = "counter_cancellations";

    /// <summary>One standing cancellation request per payment; refused ones are history and a new request may follow.</summary>
    internal static readonly string NotRefused = $"\"{nameof(CounterCancellation.Status)}\" <> '{nameof(CounterCancellationStatus.Refused)}'";

    internal const int SuspenseNoteLength = 500;

    private const string BinaryCollation = "C";

    internal static string NotNull(string column) => $"\"{column}\" IS NOT NULL";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Payment>(e =>
        {
            e.ToTable("payments");
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => p.Reference).IsUnique();
            e.HasIndex(p => p.IdempotencyKey).IsUnique().HasFilter(NotNull(nameof(Payment.IdempotencyKey)));
            e.HasIndex(p => p.ExternalKey).IsUnique().HasFilter(NotNull(nameof(Payment.ExternalKey)));
            e.HasIndex(p => p.ReceiptNumber).IsUnique().HasFilter(NotNull(nameof(Payment.ReceiptNumber)));
            e.HasIndex(p => new { p.CustomerId, p.CreatedAt });
            e.HasIndex(p => new { p.Status, p.CreatedAt }).HasFilter(PendingOnly);
            e.HasIndex(p => new { p.Operator, p.CreatedAt }).HasFilter(NotNull(nameof(Payment.Operator)));
            e.Property(p => p.CardReference).HasMaxLength(100);
            e.HasMany(p => p.Splits).WithOne().HasForeignKey(s => s.PaymentId);
            e.HasMany(p => p.History).WithOne().HasForeignKey(h => h.PaymentId);
            e.Navigation(p => p.Splits).HasField("_splits");
            e.Navigation(p => p.History).HasField("_history");
            e.Ignore(p => p.Total);
            e.Ignore(p => p.InvoiceIdList);
        });
        modelBuilder.Entity<PaymentSplit>(e =>
        {
            e.ToTable("payment_splits");
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Ignore(s => s.InvoiceIdList);
        });
        modelBuilder.Entity<PaymentHistory>(e =>
        {
            e.ToTable("payment_history");
            e.Property(p => p.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<PaymentRefund>(e =>
        {
            e.ToTable("refunds");
            e.HasIndex(r => r.IdempotencyKey).IsUnique();
        });
        modelBuilder.Entity<SuspenseItem>(e =>
        {
            e.ToTable("suspense");
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Property(s => s.DecidedBy).HasColumnName("AssignedBy");
            e.Property(s => s.Note).HasMaxLength(SuspenseNoteLength);
            e.HasIndex(s => s.ExternalKey).IsUnique();
            e.HasIndex(s => s.ParentId).HasFilter(NotNull(nameof(SuspenseItem.ParentId)));
            e.HasIndex(s => s.Status);
            e.Ignore(s => s.Money);
        });
        modelBuilder.Entity<PaymentImport>(e => e.ToTable("imports"));
        modelBuilder.Entity<PaymentImportLine>(e =>
        {
            e.ToTable("import_lines");
            e.Property(l => l.Outcome).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(l => new { l.ImportId, l.Line });
        });
        modelBuilder.Entity<InvoiceClaim>(e =>
        {
            e.ToTable(InvoiceClaimsTable);
            e.HasKey(c => c.InvoiceId);
            e.Property(c => c.InvoiceId).ValueGeneratedNever();
            e.HasIndex(c => c.PaymentId);
        });
        modelBuilder.Entity<ReceiptSeries>(e =>
        {
            e.ToTable(ReceiptSeriesTable);
            e.HasKey(s => s.Series);
            e.Property(s => s.Series).HasMaxLength(16);
        });
        modelBuilder.Entity<CashierDay>(e =>
        {
            e.ToTable(CashierDaysTable);
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.Centre).HasMaxLength(100);
            e.Property(d => d.Desk).HasMaxLength(100);
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasIndex(d => new { d.StaffId, d.Centre, d.Desk, d.Date }).IsUnique();
            e.Ignore(d => d.IsClosed);
        });
        modelBuilder.Entity<CashierDeskChoice>(e =>
        {
            e.ToTable(CashierDesksTable);
            e.HasKey(d => d.SessionId);
            e.Property(d => d.SessionId).ValueGeneratedNever();
            e.Property(d => d.Centre).HasMaxLength(100);
            e.Property(d => d.Desk).HasMaxLength(100);
        });
        modelBuilder.Entity<CounterCancellation>(e =>
        {
            e.ToTable(CounterCancellationsTable);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Reason).HasMaxLength(500);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.PaymentId).IsUnique().HasFilter(NotRefused);
            e.HasIndex(c => c.Status);
        });
        if (!IsSqlite)
        {
            // Byte-wise keys on PostgreSQL (see the BinaryKeyCollation migration).
            modelBuilder.Entity<Payment>().Property(p => p.Reference).UseCollation(BinaryCollation);
            modelBuilder.Entity<Payment>().Property(p => p.IdempotencyKey).UseCollation(BinaryCollation);
            modelBuilder.Entity<Payment>().Property(p => p.ExternalKey).UseCollation(BinaryCollation);
            modelBuilder.Entity<Payment>().Property(p => p.ReceiptNumber).UseCollation(BinaryCollation);
            modelBuilder.Entity<SuspenseItem>().Property(s => s.ExternalKey).UseCollation(BinaryCollation);
            modelBuilder.Entity<PaymentRefund>().Property(r => r.IdempotencyKey).UseCollation(BinaryCollation);
        }
    }
}

/// <summary>A receipt number series and its last number issued (written by <c>ReceiptNumbers</c> only).</summary>
internal sealed class ReceiptSeries
{
    public string Series { get; set; } = string.Empty;

    public long LastNumber { get; set; }
}
