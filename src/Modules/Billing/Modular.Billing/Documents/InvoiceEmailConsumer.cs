using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Email;
using Modular.Core.Money;
using Modular.Core.Outbox;
using NodaTime;

namespace Modular.Billing.Documents;

/// <summary>
/// Emails a newly issued invoice, with its PDF, to the customer's recipients who opted in (Accounts decides who).
/// Runs after commit from the outbox; the inbox and the (invoice, address) unique row make it go out once. Without a
/// PDF renderer the email still goes out, pointing to the portal.
/// </summary>
internal sealed class InvoiceEmailConsumer(BillingDbContext db, IClock clock, IMediator mediator, InvoiceDocumentRenderer renderer,
    EmailComposer email, Modular.Core.Time.UtilityClock utility, IOptions<BillingOptions> options, ILogger<InvoiceEmailConsumer> logger)
    : InboxEventHandler<InvoiceIssued, BillingDbContext>(db, clock)
{
    protected override string ConsumerName => "billing.invoice-email";

    protected override bool HasOutsideEffects => true;

    protected override async Task HandleCoreAsync(InvoiceIssued issued, CancellationToken cancellationToken)
    {
        var recipients = await mediator.Send(new GetInvoiceEmailRecipients(issued.CustomerId), cancellationToken);
        if (recipients.IsFailure)
        {
            throw new InvalidOperationException($"Invoice email recipients of customer {issued.CustomerId} unavailable: {recipients.Error}");
        }

        if (recipients.Value.Count == 0)
        {
            return;
        }

        var invoice = await Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == issued.InvoiceId, cancellationToken);
        var sent = (await Db.InvoiceEmails.Where(m => m.InvoiceId == invoice.Id).Select(m => m.Email).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var recipient in recipients.Value.Where(r => !sent.Contains(r.Email)).DistinctBy(r => r.Email.ToUpperInvariant()))
        {
            IReadOnlyList<EmailAttachment> attachments = [];
            if (renderer.PdfAvailable)
            {
                var pdf = await renderer.RenderPdfAsync(invoice, recipient.Culture, cancellationToken);
                attachments = [new EmailAttachment(invoice.Number.Replace(' ', '-') + ".pdf", "application/pdf", pdf)];
            }
            else
            {
                logger.LogWarning("Invoice {Number} emailed without PDF: {Reason}", invoice.Number, renderer.PdfUnavailableReason);
            }

            var model = new Dictionary<string, object?>
            {
                ["customerName"] = invoice.CustomerName,
                ["invoiceNumber"] = invoice.Number,
                ["period"] = invoice.Period,
                ["clientCode"] = invoice.ClientCode,
                ["total"] = new Money(invoice.Total, invoice.Currency),
                ["dueDate"] = invoice.DueDate,
                ["estimated"] = invoice.Estimated,
                ["hasPdf"] = attachments.Count > 0,
                ["issuer"] = options.Value.IssuerName,
            };
            await email.SendAsync("Billing", "invoice-issued", recipient.Email, model, recipient.Culture, attachments, cancellationToken);
            Db.InvoiceEmails.Add(new InvoiceEmail
            {
                Id = Guid.NewGuid(), InvoiceId = invoice.Id, Email = recipient.Email, SentAt = utility.Now, WithPdf = attachments.Count > 0,
            });
        }
    }
}
