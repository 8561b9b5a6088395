using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Counter.Days;

/// <summary>
/// Every cashier × desk with money taken or a day recorded on the utility date: open days first, then by centre and desk.
/// A day is found from its counter payments (the operator names the cashier) and from its day row (a day closed empty).
/// </summary>
internal sealed class ListCashierDaysHandler(PaymentsDbContext db, UtilityClock clock, IOptions<PaymentsOptions> options)
    : IRequestHandler<ListCashierDays, Result<IReadOnlyList<CashierDaySummary>>>
{
    public async Task<Result<IReadOnlyList<CashierDaySummary>>> Handle(ListCashierDays request, CancellationToken cancellationToken)
    {
        var date = request.Date ?? clock.Today;
        var from = clock.StartOf(date);
        var to = clock.StartOf(date.PlusDays(1));
        var taken = await db.Payments.AsNoTracking()
            .Where(p => p.CreatedAt >= from && p.CreatedAt < to && p.Operator != null && p.Centre != null && p.Terminal != null
                && (p.Channel == PaymentChannel.Cash || p.Channel == PaymentChannel.CardAtCentre))
            .Select(p => new { p.Operator, p.Centre, p.Terminal }).Distinct().ToListAsync(cancellationToken);
        var recorded = await db.CashierDays.AsNoTracking().Where(d => d.Date == date)
            .Select(d => new { d.StaffId, d.Centre, d.Desk }).ToListAsync(cancellationToken);

        var days = taken
            .Select(t => (Staff: CashierDays.StaffOf(t.Operator!), Centre: t.Centre!, Desk: t.Terminal!))
            .Where(t => t.Staff is not null)
            .Select(t => (Staff: t.Staff!.Value, t.Centre, t.Desk))
            .Concat(recorded.Select(r => (Staff: r.StaffId, r.Centre, r.Desk)))
            .Distinct()
            .ToList();

        var currency = Currency.Of(options.Value.Currency);
        var summaries = new List<CashierDaySummary>(days.Count);
        foreach (var (staff, centre, desk) in days)
        {
            var report = await CashierDays.ReportAsync(db, clock, currency, staff, centre, desk, date, cancellationToken);
            summaries.Add(new CashierDaySummary(staff, centre, desk, date, report.Receipts, report.Card - report.CardCancelled, report.CashToHandOver,
                report.PendingCancellations, report.ClosedAt));
        }

        return summaries.OrderBy(s => s.ClosedAt is not null).ThenBy(s => s.Centre, StringComparer.Ordinal).ThenBy(s => s.Desk, StringComparer.Ordinal)
            .ThenBy(s => s.StaffId).ToList();
    }
}
