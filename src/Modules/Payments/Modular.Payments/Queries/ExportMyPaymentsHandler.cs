using System.Globalization;
using CsvHelper;
using MediatR;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Queries;

/// <summary>The caller's payments as CSV, in the consumption history's format: invariant dates and numbers, one header row.</summary>
internal sealed class ExportMyPaymentsHandler(PaymentsDbContext db, IAccessScope access, ICurrentUser user, UtilityClock clock)
    : IRequestHandler<ExportMyPayments, Result<PaymentsCsv>>
{
    // A text field starting with = + - @, a tab or CR is prefixed with ' so a spreadsheet shows it instead of running it.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public async Task<Result<PaymentsCsv>> Handle(ExportMyPayments request, CancellationToken cancellationToken)
    {
        var payments = await MyPayments.LoadAsync(db, access, user, request.Take, cancellationToken);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            foreach (var header in new[] { "date", "reference", "receipt", "channel", "status", "amount", "currency" })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var p in payments)
            {
                csv.WriteField((p.ValueDate ?? clock.DateOf(p.CreatedAt)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(p.Reference);
                csv.WriteField(p.ReceiptNumber ?? string.Empty);
                csv.WriteField(p.Channel.ToString());
                csv.WriteField(p.Status.ToString());
                csv.WriteField(p.Amount.Amount.ToString("0.00##", CultureInfo.InvariantCulture));
                csv.WriteField(p.Amount.Currency.Code);
                csv.EndRecord();
            }
        }

        return new PaymentsCsv($"payments-{clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv", text.ToString());
    }
}
