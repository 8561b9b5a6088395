using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Invoices;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Billing.CreditNotes;

/// <summary>The credit notes of an invoice the caller may see; an invoice they may not see answers like one without any.</summary>
internal sealed class GetCreditNotesHandler(BillingDbContext db, IAccessScope access) : IRequestHandler<GetCreditNotes, Result<IReadOnlyList<CreditNoteSummary>>>
{
    public async Task<Result<IReadOnlyList<CreditNoteSummary>>> Handle(GetCreditNotes request, CancellationToken cancellationToken)
    {
        if (!await (await db.VisibleAsync(access, cancellationToken)).AnyAsync(i => i.Id == request.InvoiceId, cancellationToken))
        {
            return Array.Empty<CreditNoteSummary>();
        }

        var notes = await db.CreditNotes.AsNoTracking().Where(c => c.InvoiceId == request.InvoiceId).ToListAsync(cancellationToken);
        return notes.OrderBy(c => c.Sequence).Select(c => c.ToSummary()).ToList();
    }
}
