using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Billing.Invoices;

/// <summary>An invoice the caller may see, with its lines as issued.</summary>
internal sealed class GetInvoiceDetailsHandler(BillingDbContext db, IAccessScope access) : IRequestHandler<GetInvoiceDetails, Result<InvoiceDetails>>
{
    public async Task<Result<InvoiceDetails>> Handle(GetInvoiceDetails request, CancellationToken cancellationToken)
    {
        var invoice = await (await db.VisibleAsync(access, cancellationToken)).SingleOrDefaultAsync(i => i.Id == request.InvoiceId, cancellationToken);
        if (invoice is null)
        {
            return Result<InvoiceDetails>.Failure(BillingErrors.InvoiceNotFound);
        }

        var currency = invoice.Currency;
        var lines = invoice.Lines.Select(l => new InvoiceLineView(l.Service, Kind(l.Kind), l.TariffName, LocalDate.FromDateOnly(l.From),
            LocalDate.FromDateOnly(l.To), l.Quantity, new Money(l.UnitPrice, currency), l.VatRate, new Money(l.Net, currency),
            new Money(l.Vat, currency), new Money(l.Total, currency))).ToList();
        return new InvoiceDetails(invoice.ToSummary(), invoice.ContractNumber, invoice.ServiceAddress, invoice.CubicMeters,
            new Money(invoice.Net, currency), new Money(invoice.Vat, currency), lines);
    }

    private static InvoiceLineKind Kind(LineKind kind) => kind switch
    {
        LineKind.Consumption => InvoiceLineKind.Consumption,
        LineKind.Fixed => InvoiceLineKind.Fixed,
        _ => InvoiceLineKind.Regularization,
    };
}
