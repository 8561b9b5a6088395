using System.Globalization;
using MediatR;
using Modular.Core.Access;
using Modular.Core.Documents;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Queries;

/// <summary>The caller's payments as CSV, in the consumption history's format: invariant dates and numbers, one header row.</summary>
internal sealed class ExportMyPaymentsHandler(PaymentsDbContext db, IAccessScope access, ICurrentUser user, UtilityClock clock)
    : IRequestHandler<ExportMyPayments, Result<PaymentsCsv>>
{
    public async Task<Result<PaymentsCsv>> Handle(ExportMyPayments request, CancellationToken cancellationToken)
    {
        var payments = await MyPayments.LoadAsync(db, access, user, request.Take, cancellationToken);
        var text = CsvFiles.Write(payments, ["date", "reference", "receipt", "channel", "status", "amount", "currency"], (csv, p) =>
        {
            csv.WriteField((p.ValueDate ?? clock.DateOf(p.CreatedAt)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(p.Reference);
            csv.WriteField(p.ReceiptNumber ?? string.Empty);
            csv.WriteField(p.Channel.ToString());
            csv.WriteField(p.Status.ToString());
            csv.WriteField(p.Amount.Amount.ToString("0.00##", CultureInfo.InvariantCulture));
            csv.WriteField(p.Amount.Currency.Code);
        });

        return new PaymentsCsv($"payments-{clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv", text);
    }
}
