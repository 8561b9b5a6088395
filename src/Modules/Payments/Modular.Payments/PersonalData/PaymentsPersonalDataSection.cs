using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Core.PersonalData;
using Modular.Payments.Persistence;

namespace Modular.Payments.PersonalData;

/// <summary>Payments' section of a portal user's archive: the linked customers' payments (every channel), with refunds.</summary>
internal sealed class PaymentsPersonalDataSection(PaymentsDbContext db) : IPersonalDataSection
{
    public string Name => "payments";

    public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
    {
        var customers = subject.CustomerIds.ToList();
        var payments = db.Payments.AsNoTracking().Where(p => customers.Contains(p.CustomerId)).OrderBy(p => p.CreatedAt).AsAsyncEnumerable();
        await writer.WriteCsvAsync("payments", "Your payments: reference, channel, status, amount, refunded and currency, value date, receipt",
            ["payment_id", "reference", "channel", "status", "amount", "refunded", "currency", "value_date", "created_at", "settled_at", "receipt_number",
                "payer_reference", "invoice_ids"], payments,
            p => [p.Id.ToString(), p.Reference, p.Channel.ToString(), p.Status.ToString(), PersonalDataWriter.Amount(p.Amount),
                PersonalDataWriter.Amount(p.Refunded), p.Currency.Code, p.ValueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                p.CreatedAt.ToString(null, CultureInfo.InvariantCulture), p.SettledAt?.ToString(null, CultureInfo.InvariantCulture), p.ReceiptNumber,
                p.PayerReference, p.InvoiceIds], cancellationToken);
    }
}
