using Microsoft.EntityFrameworkCore;
using Modular.Billing.Domain;
using Modular.Core.Persistence;

namespace Modular.Billing.Persistence;

internal sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "billing";

    public override string Schema => SchemaName;

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<TariffEntry> Tariffs => Set<TariffEntry>();

    public DbSet<NumberSeries> NumberSeries => Set<NumberSeries>();

    public DbSet<BillingRun> Runs => Set<BillingRun>();

    public DbSet<BillingRunProblem> RunProblems => Set<BillingRunProblem>();

    public DbSet<PaymentRecord> Payments => Set<PaymentRecord>();

    public DbSet<Allocation> Allocations => Set<Allocation>();

    public DbSet<InvoiceEmail> InvoiceEmails => Set<InvoiceEmail>();

    public DbSet<InvoiceDocument> InvoiceDocuments => Set<InvoiceDocument>();

    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();

    public DbSet<EInvoiceTransmission> EInvoiceTransmissions => Set<EInvoiceTransmission>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Invoice>(e =>
        {
            e.ToTable("invoices");
            e.Ignore(i => i.Lines);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasIndex(i => i.Number).IsUnique();
            e.HasIndex(i => new { i.ContractId, i.Period }).IsUnique();
            e.HasIndex(i => new { i.CustomerId, i.Status });
        });
        modelBuilder.Entity<TariffEntry>(e =>
        {
            e.ToTable("tariffs");
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasIndex(t => new { t.Service, t.ValidFrom }).IsUnique();
        });
        modelBuilder.Entity<NumberSeries>(e =>
        {
            e.ToTable("number_series");
            e.HasKey(s => s.Series);
        });
        modelBuilder.Entity<BillingRun>(e =>
        {
            e.ToTable("runs");
            e.Property(r => r.LeasedBy).HasMaxLength(64);
            e.HasIndex(r => new { r.Period, r.StartedAt });
        });
        modelBuilder.Entity<BillingRunProblem>(e =>
        {
            e.ToTable("run_problems");
            e.HasIndex(p => p.RunId);
        });
        modelBuilder.Entity<PaymentRecord>(e =>
        {
            e.ToTable("payments");
            e.HasKey(p => p.PaymentId);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => p.CustomerId);
        });
        modelBuilder.Entity<Allocation>(e =>
        {
            e.ToTable("allocations");
            e.HasIndex(a => a.PaymentId);
            e.HasIndex(a => a.InvoiceId);
        });
        modelBuilder.Entity<InvoiceDocument>(e =>
        {
            e.ToTable("invoice_documents");
            e.HasKey(d => new { d.InvoiceId, d.Culture });
            e.Property(d => d.Culture).HasMaxLength(16);
        });
        modelBuilder.Entity<InvoiceEmail>(e =>
        {
            e.ToTable("invoice_emails");
            e.HasIndex(m => new { m.InvoiceId, m.Email }).IsUnique();
        });
        modelBuilder.Entity<CreditNote>(e =>
        {
            e.ToTable("credit_notes");
            e.Ignore(c => c.Lines);
            e.HasIndex(c => c.Number).IsUnique();
            e.HasIndex(c => c.RequestId).IsUnique();
            e.HasIndex(c => c.InvoiceId);
        });
        modelBuilder.Entity<EInvoiceTransmission>(e =>
        {
            e.ToTable("einvoice_transmissions");
            e.Ignore(t => t.Messages);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasIndex(t => t.DocumentId).IsUnique();
            e.HasIndex(t => new { t.Status, t.NextAttemptAt });
        });
    }
}
