using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Billing.EInvoices.Documents;

/// <summary>An e-invoice ready to download, export or upload.</summary>
internal sealed record EInvoiceFile(string FileName, byte[] Content)
{
    public const string ContentType = "application/xml";

    public static string NameOf(string number) => number.Replace(' ', '-') + ".xml";
}

/// <summary>
/// Gathers what an e-invoice needs besides the invoice (the buyer from Accounts, the estimated invoices a regularization
/// settles) and writes it. Works a page at a time so a run's export asks Accounts once per page.
/// </summary>
internal sealed class EInvoiceDocuments(BillingDbContext db, IMediator mediator, EInvoiceBuilder builder)
{
    public EInvoiceBuilder Builder => builder;

    public async Task<Result<EInvoiceFile>> InvoiceAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        var parties = await PartiesAsync([invoice.CustomerId], cancellationToken);
        var preceding = await PrecedingAsync([invoice], cancellationToken);
        return Write(invoice, parties, preceding);
    }

    public async Task<Result<EInvoiceFile>> CreditNoteAsync(CreditNote creditNote, CancellationToken cancellationToken)
    {
        var parties = await PartiesAsync([creditNote.CustomerId], cancellationToken);
        var document = builder.ForCreditNote(creditNote, parties.GetValueOrDefault(creditNote.CustomerId));
        return document.IsFailure
            ? Result<EInvoiceFile>.From(document)
            : new EInvoiceFile(EInvoiceFile.NameOf(creditNote.Number), UblWriter.Write(document.Value, builder.Profile));
    }

    public Result<EInvoiceFile> Write(Invoice invoice, IReadOnlyDictionary<Guid, CustomerParty> parties,
        IReadOnlyDictionary<Guid, List<PrecedingInvoice>> preceding)
    {
        var document = builder.ForInvoice(invoice, parties.GetValueOrDefault(invoice.CustomerId), preceding.GetValueOrDefault(invoice.Id) ?? []);
        return document.IsFailure
            ? Result<EInvoiceFile>.From(document)
            : new EInvoiceFile(EInvoiceFile.NameOf(invoice.Number), UblWriter.Write(document.Value, builder.Profile));
    }

    /// <summary>The buyers the caller may see (Accounts filters by the caller's scope).</summary>
    public async Task<IReadOnlyDictionary<Guid, CustomerParty>> PartiesAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken)
    {
        var parties = await mediator.Send(new GetCustomerParties(customerIds.Distinct().ToList()), cancellationToken);
        return parties.IsSuccess ? parties.Value.ToDictionary(p => p.CustomerId) : new Dictionary<Guid, CustomerParty>();
    }

    /// <summary>
    /// For invoices with a regularization: the estimated invoices of the contract it settles (the periods after the month of
    /// the last actual reading, before the invoice's own), as the calculator counted them.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, List<PrecedingInvoice>>> PrecedingAsync(IReadOnlyList<Invoice> invoices, CancellationToken cancellationToken)
    {
        var settling = invoices
            .Select(i => (Invoice: i, From: i.Lines.Where(l => l.Kind == LineKind.Regularization).Select(l => (DateOnly?)l.From).Min()))
            .Where(x => x.From is not null)
            .Select(x => (x.Invoice, After: YearMonthOf(LocalDate.FromDateOnly(x.From!.Value).PlusDays(-1))))
            .ToList();
        if (settling.Count == 0)
        {
            return new Dictionary<Guid, List<PrecedingInvoice>>();
        }

        var contracts = settling.Select(s => s.Invoice.ContractId).Distinct().ToList();
        var estimates = await db.Invoices.AsNoTracking()
            .Where(i => contracts.Contains(i.ContractId) && i.Estimated)
            .Select(i => new { i.ContractId, i.Period, i.Number, i.IssueDate })
            .ToListAsync(cancellationToken);
        return settling.ToDictionary(s => s.Invoice.Id, s => estimates
            .Where(e => e.ContractId == s.Invoice.ContractId && e.Period > s.After && e.Period < s.Invoice.Period)
            .OrderBy(e => e.Period)
            .Select(e => new PrecedingInvoice(e.Number, e.IssueDate))
            .ToList());

        static YearMonth YearMonthOf(LocalDate day) => new(day.Year, day.Month);
    }
}
