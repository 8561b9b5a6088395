using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Billing.Runs;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Billing.Benchmarks;

/// <summary>
/// The bare bulk insert: the same invoices and outbox rows, written page by page with the same writer and series
/// counter, but without listing contracts, reading consumption, checking existing invoices or pricing (drafts are
/// computed once per distinct consumption and reused).
/// </summary>
internal static class Baseline
{
    public static async Task<int> InsertAsync(BenchHost host, GeneratedDirectory directory, YearMonth period, int pageSize)
    {
        var tariffs = new List<TariffEntry>
        {
            Tariff(TariffService.Water, 5.27m, 0.11m, new LocalDate(2020, 1, 1), new LocalDate(2026, 10, 16)),
            Tariff(TariffService.Water, 5.61m, 0.11m, new LocalDate(2026, 10, 17), null),
            Tariff(TariffService.Sewerage, 4.13m, 0.11m, new LocalDate(2020, 1, 1), null),
            Tariff(TariffService.FixedMonthlyFee, 3.50m, 0.21m, new LocalDate(2020, 1, 1), null),
        };
        var calculator = new InvoiceCalculator();
        var drafts = new Dictionary<int, InvoiceDraft>();
        var written = 0;
        var today = new LocalDate(2026, 11, 3);
        var now = Instant.FromUtc(2026, 11, 3, 8, 0);
        for (var start = 0; start < directory.Count; start += pageSize)
        {
            await using var scope = host.Scope();
            var db = scope.Resolve<BillingDbContext>();
            var writer = scope.Resolve<InvoiceBulkWriter>();
            var options = scope.Resolve<IOptions<BillingOptions>>().Value;
            await using var transaction = await db.Database.BeginTransactionAsync();
            var last = await writer.LockSeriesAsync(options.Series, default);
            var issued = new List<IssuedInvoice>(pageSize);
            foreach (var contract in directory.Page(start == 0 ? null : GeneratedDirectory.ContractId(start - 1), pageSize))
            {
                if (contract.ClientCode.Length == 0)
                {
                    continue;
                }

                var index = GeneratedDirectory.IndexOf(contract.ContractId);
                if (!drafts.TryGetValue(index % 20, out var draft))
                {
                    draft = calculator.Calculate(contract, GeneratedDirectory.Consumption(contract.ContractId, period), period, tariffs, []).Draft!;
                    drafts[index % 20] = draft;
                }

                var invoice = InvoiceFactory.Issue(contract, period, draft, options, ++last, today);
                issued.Add(new IssuedInvoice(invoice, InvoiceFactory.IssuedEvent(invoice, now)));
            }

            await writer.InsertAsync(issued, default);
            await writer.SetSeriesAsync(options.Series, last, default);
            await transaction.CommitAsync();
            written += issued.Count;
        }

        return written;
    }

    private static TariffEntry Tariff(TariffService service, decimal price, decimal vat, LocalDate from, LocalDate? to) =>
        new() { Id = Guid.NewGuid(), Service = service, Name = service.ToString(), UnitPrice = price, VatRate = vat, Currency = Currency.Ron, ValidFrom = from, ValidTo = to };
}
