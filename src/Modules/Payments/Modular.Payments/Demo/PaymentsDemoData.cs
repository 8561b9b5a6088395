using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Demo;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Imports;
using Modular.Payments.Persistence;
using NodaTime;

namespace Modular.Payments.Demo;

/// <summary>
/// Payments' demo data: every contract's older invoices paid on varied days between their issue and a little after their
/// due date, by bank transfer (through the bank statement import, matched by the invoice number in the remittance text),
/// in cash or by card at a collection centre; the last two stay open to pay online.
/// </summary>
internal sealed class PaymentsDemoData(PaymentsDbContext db, ImportWriter bank, UtilityClock clock) : IDemoData
{
    private static readonly string[] Centres = ["Casieria centrală", "Centrul de relații cu clienții Petroșani", "Punct de încasare Lupeni"];

    public Task<bool> HasDataAsync(CancellationToken cancellationToken) => db.Payments.AnyAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        var contracts = await context.Mediator.Send(new ListContracts(null, 10_000), cancellationToken);
        if (contracts.IsFailure)
        {
            throw new InvalidOperationException("The demo contracts could not be listed: " + contracts);
        }

        var open = await context.Mediator.Send(new GetOpenInvoices(contracts.Value.Select(c => c.CustomerId).Distinct().ToList()), cancellationToken);
        if (open.IsFailure)
        {
            throw new InvalidOperationException("The demo invoices could not be listed: " + open);
        }

        // Idempotent per invoice (the counter's key, the statement line's key), and a paid invoice is no longer open: a
        // repeated load pays nothing twice.
        var transfers = new List<IncomingLine>();
        foreach (var invoice in open.Value.GroupBy(i => i.ContractId).SelectMany(g => g.OrderBy(i => i.Period).SkipLast(2)))
        {
            var random = new Random(unchecked((context.Seed * 31) + invoice.Number.Sum(c => c * 131)));
            var paidOn = invoice.IssueDate.PlusDays(random.Next(2, 26));
            paidOn = paidOn > context.Today ? context.Today : paidOn;
            var roll = random.Next(100);
            if (roll < 45)
            {
                transfers.Add(new IncomingLine(transfers.Count + 1, "demo-" + invoice.Number, null, IsCredit: true, IsReversal: false, IsBooked: true,
                    invoice.Remaining.Amount, invoice.Remaining.Currency.Code, paidOn, null, $"Plata factura {invoice.Number} cod client {invoice.ClientCode}", null));
                continue;
            }

            var paid = await context.Mediator.Send(new RecordCounterPayment(invoice.ClientCode, [invoice.InvoiceId], invoice.Remaining.Amount,
                invoice.Remaining.Currency.Code, roll < 80 ? CounterMethod.Cash : CounterMethod.Card, Centres[random.Next(Centres.Length)], "T" + random.Next(1, 4),
                "demo-" + invoice.Number), cancellationToken);
            if (paid.IsFailure)
            {
                throw new InvalidOperationException("A demo payment could not be recorded: " + paid);
            }

            // Recorded today; dated as taken at the counter on that day, during opening hours.
            var at = paidOn.At(new LocalTime(8 + random.Next(9), random.Next(60))).InZoneLeniently(clock.Zone).ToInstant();
            await db.Payments.Where(p => p.Id == paid.Value.PaymentId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.ValueDate, paidOn).SetProperty(p => p.CreatedAt, at).SetProperty(p => p.SettledAt, at),
                    cancellationToken);
        }

        if (transfers.Count > 0)
        {
            await bank.WriteAsync("camt053", "bank", "demo-extras.xml", PaymentChannel.BankTransfer, transfers, cancellationToken);
            foreach (var line in transfers)
            {
                // Booked by the bank in the morning of the value date, as a statement of that day would have brought it.
                var at = line.ValueDate.At(new LocalTime(9, 0)).InZoneLeniently(clock.Zone).ToInstant();
                await db.Payments.Where(p => p.ExternalKey == line.Key)
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAt, at).SetProperty(p => p.SettledAt, at), cancellationToken);
            }
        }
    }
}
