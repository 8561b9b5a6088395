using System.Globalization;
using Modular.Core.Persistence;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Receipts;

/// <summary>
/// Receipt numbers: one gapless sequence per series (<see cref="PaymentsOptions.ReceiptSeries"/>), "R 000001", taken from
/// Core's <see cref="SeriesNumbers"/> inside the transaction that settles the payment: concurrent settlements (any instance)
/// number one after the other, a settlement rolled back or killed half-way gives its number back with the payment, and a
/// number once committed belongs to one payment for good (a unique index backs it).
/// </summary>
internal static class ReceiptNumbers
{
    public static string Format(string series, long number) => string.Create(CultureInfo.InvariantCulture, $"{series} {number:D6}");

    /// <summary>
    /// Gives each of <paramref name="payments"/> (settled, without a number) the next number of the series. Call it after
    /// the save that settled them: that save opened the command's transaction, which the numbers join.
    /// </summary>
    public static async Task AssignAsync(PaymentsDbContext db, string series, IReadOnlyList<Payment> payments, CancellationToken cancellationToken)
    {
        var pending = payments.Where(p => p.ReceiptNumber is null).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var first = await SeriesNumbers.TakeAsync(db, PaymentsDbContext.ReceiptSeriesTable, series, pending.Count, cancellationToken);
        for (var i = 0; i < pending.Count; i++)
        {
            pending[i].IssueReceipt(Format(series, first + i));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
