using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Invoices;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Billing.Documents;

internal sealed class GetInvoiceDocumentHandler(BillingDbContext db, IAccessScope access, ICurrentUser user, InvoiceDocumentRenderer renderer,
    InvoiceDocumentStore documents)
    : IRequestHandler<GetInvoiceDocument, Result<DocumentFile>>
{
    public async Task<Result<DocumentFile>> Handle(GetInvoiceDocument request, CancellationToken cancellationToken)
    {
        var invoice = await (await db.VisibleAsync(access, cancellationToken)).AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.InvoiceId, cancellationToken);
        if (invoice is null)
        {
            return Result<DocumentFile>.Failure(BillingErrors.InvoiceNotFound);
        }

        var culture = request.Culture ?? user.Culture;
        var fileName = invoice.Number.Replace(' ', '-');
        if (request.Format == DocumentFormat.Html)
        {
            var html = await renderer.RenderHtmlAsync(invoice, culture, cancellationToken);
            return new DocumentFile(fileName + ".html", "text/html; charset=utf-8", InvoiceDocumentRenderer.Utf8(html));
        }

        if (!renderer.PdfAvailable)
        {
            return Result<DocumentFile>.Failure(Error.Of(BillingErrors.PdfUnavailable, null, ("reason", renderer.PdfUnavailableReason)));
        }

        // An issued invoice never changes: its PDF is rendered once per language and served as stored.
        return new DocumentFile(fileName + ".pdf", "application/pdf", await documents.GetOrRenderPdfAsync(invoice, culture, cancellationToken));
    }
}
