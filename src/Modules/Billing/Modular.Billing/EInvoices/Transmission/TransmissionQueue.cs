using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Outbox;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Billing.EInvoices.Transmission;

/// <summary>Queues every invoice a run issued for transmission (imported invoices are the ERP's to send). Once per invoice.</summary>
internal sealed class InvoiceTransmissionQueue(BillingDbContext db, IClock clock, UtilityClock utility, IOptions<BillingOptions> options)
    : InboxEventHandler<InvoiceIssued, BillingDbContext>(db, clock)
{
    protected override string ConsumerName => "billing.einvoice-queue";

    protected override async Task HandleCoreAsync(InvoiceIssued issued, CancellationToken cancellationToken)
    {
        if (!TransmissionQueues.On(options.Value))
        {
            return;
        }

        var invoice = await Db.Invoices.AsNoTracking().Where(i => i.Id == issued.InvoiceId)
            .Select(i => new { i.Source, i.Number, i.CustomerId }).SingleOrDefaultAsync(cancellationToken);
        if (invoice is null || invoice.Source != InvoiceSource.Run)
        {
            return;
        }

        await TransmissionQueues.EnqueueAsync(Db, issued.InvoiceId, EInvoiceDocumentKind.Invoice, invoice.Number, invoice.CustomerId, utility.Now,
            cancellationToken);
    }
}

/// <summary>Queues every credit note for transmission. Once per credit note.</summary>
internal sealed class CreditNoteTransmissionQueue(BillingDbContext db, IClock clock, UtilityClock utility, IOptions<BillingOptions> options)
    : InboxEventHandler<CreditNoteIssued, BillingDbContext>(db, clock)
{
    protected override string ConsumerName => "billing.einvoice-queue-credit-notes";

    protected override Task HandleCoreAsync(CreditNoteIssued issued, CancellationToken cancellationToken) =>
        TransmissionQueues.On(options.Value)
            ? TransmissionQueues.EnqueueAsync(Db, issued.CreditNoteId, EInvoiceDocumentKind.CreditNote, issued.Number, issued.CustomerId,
                utility.Now, cancellationToken)
            : Task.CompletedTask;
}

internal static class TransmissionQueues
{
    public static bool On(BillingOptions options) => options.EInvoice.Enabled && options.EInvoice.Transmission.Enabled;

    public static async Task EnqueueAsync(BillingDbContext db, Guid documentId, EInvoiceDocumentKind kind, string number, Guid customerId, Instant now,
        CancellationToken cancellationToken)
    {
        if (await db.EInvoiceTransmissions.AnyAsync(t => t.DocumentId == documentId, cancellationToken))
        {
            return;
        }

        db.EInvoiceTransmissions.Add(new EInvoiceTransmission
        {
            Id = Guid.CreateVersion7(),
            DocumentId = documentId,
            Kind = kind,
            Number = number,
            CustomerId = customerId,
            Status = EInvoiceTransmissionStatus.Pending,
            UploadKey = Guid.NewGuid(),
            CreatedAt = now,
            NextAttemptAt = now,
            Version = Guid.NewGuid(),
        });
    }
}
