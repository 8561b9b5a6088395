using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Billing.EInvoices.Documents;
using Modular.Billing.Invoices;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Billing.EInvoices.Download;

/// <summary>
/// The e-invoice of an invoice or credit note the caller may see (a customer their own, staff any); anything else answers
/// like a document that does not exist.
/// </summary>
internal sealed class GetEInvoiceHandler(BillingDbContext db, IAccessScope access, EInvoiceDocuments documents, IOptions<BillingOptions> options)
    : IRequestHandler<GetEInvoice, Result<DocumentFile>>
{
    public async Task<Result<DocumentFile>> Handle(GetEInvoice request, CancellationToken cancellationToken)
    {
        if (!options.Value.EInvoice.Enabled)
        {
            return Result<DocumentFile>.Failure(BillingErrors.EInvoiceDisabled);
        }

        Result<EInvoiceFile> file;
        var invoice = await (await db.VisibleAsync(access, cancellationToken)).SingleOrDefaultAsync(i => i.Id == request.DocumentId, cancellationToken);
        if (invoice is not null)
        {
            file = await documents.InvoiceAsync(invoice, cancellationToken);
        }
        else
        {
            var scope = await access.GetAsync(cancellationToken);
            var creditNote = await db.CreditNotes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.DocumentId, cancellationToken);
            if (creditNote is null || !(scope.CanSeeCustomer(creditNote.CustomerId) || scope.CanSeeContract(creditNote.ContractId)))
            {
                return Result<DocumentFile>.Failure(BillingErrors.InvoiceNotFound, nameof(request.DocumentId));
            }

            file = await documents.CreditNoteAsync(creditNote, cancellationToken);
        }

        return file.IsFailure
            ? Result<DocumentFile>.From(file)
            : new DocumentFile(file.Value.FileName, EInvoiceFile.ContentType, file.Value.Content);
    }
}
