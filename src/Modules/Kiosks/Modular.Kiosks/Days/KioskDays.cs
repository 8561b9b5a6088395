using Microsoft.EntityFrameworkCore;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Domain;
using Modular.Kiosks.Persistence;
using NodaTime;

namespace Modular.Kiosks.Days;

/// <summary>What the day handlers and queries share: a day's report and the summaries of days.</summary>
internal static class KioskDays
{
    /// <summary>The report of a kiosk's day from its transactions (the day may be open, closed or never opened).</summary>
    public static async Task<KioskDayReport> ReportAsync(KiosksDbContext db, Kiosk kiosk, LocalDate day, string defaultCurrency,
        CancellationToken cancellationToken)
    {
        var transactions = await db.Transactions.AsNoTracking()
            .Where(t => t.KioskId == kiosk.Id && t.Day == day)
            .ToListAsync(cancellationToken);
        var row = await db.Days.AsNoTracking().SingleOrDefaultAsync(d => d.KioskId == kiosk.Id && d.Day == day, cancellationToken);
        return Report(kiosk, day, transactions, row, defaultCurrency);
    }

    public static KioskDayReport Report(Kiosk kiosk, LocalDate day, IReadOnlyList<KioskTransaction> transactions, KioskDay? row, string defaultCurrency)
    {
        var totals = transactions
            .GroupBy(t => (t.Method, t.Currency))
            .OrderBy(g => g.Key.Method).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new KioskMethodTotal(g.Key.Method, g.Key.Currency, g.Count(), g.Sum(t => t.Amount)))
            .ToList();
        var cash = transactions.Where(t => t.Method == KioskMethod.Cash).ToList();
        return new KioskDayReport(kiosk.Id, kiosk.Code, kiosk.Centre, day, totals, transactions.Count,
            NoteText.Sum(cash.SelectMany(t => t.NoteCounts)), cash.Sum(t => t.Amount), Currency(transactions, defaultCurrency),
            row?.ClosedAt, row?.ClosedBy);
    }

    /// <summary>Summaries of a kiosk's days (or several kiosks' days) from their transactions and day rows.</summary>
    public static KioskDaySummary Summary(LocalDate day, IEnumerable<KioskTransaction> transactions, KioskDay? row, string defaultCurrency)
    {
        var list = transactions.ToList();
        return new KioskDaySummary(day, list.Count, list.Where(t => t.Method == KioskMethod.Cash).Sum(t => t.Amount),
            list.Where(t => t.Method == KioskMethod.Card).Sum(t => t.Amount), Currency(list, defaultCurrency), row?.ClosedAt is not null, row?.ClosedAt);
    }

    private static string Currency(IReadOnlyList<KioskTransaction> transactions, string defaultCurrency) =>
        transactions.GroupBy(t => t.Currency).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? defaultCurrency;
}
