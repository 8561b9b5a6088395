using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;
using NodaTime;

namespace Modular.Payments.Counter;

/// <summary>What the cashier's desk handlers share: the operator name, the day row, the day's report and the configured desks.</summary>
internal static class CashierDays
{
    /// <summary>A centre or desk code as the desk's requests take it: given, and no longer than a configured code can be.</summary>
    public static IRuleBuilderOptions<T, string> DeskCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithErrorCode(PaymentsErrors.DeskUnknown).MaximumLength(100).WithErrorCode(PaymentsErrors.DeskUnknown);

    /// <summary>How a counter payment names the staff member who took it.</summary>
    public static string Operator(Guid staffId) => OperatorPrefix + staffId;

    /// <summary>The staff member a counter payment's operator names; other operators (a partner's, an import's) are nobody's day.</summary>
    public static Guid? StaffOf(string name) =>
        name.StartsWith(OperatorPrefix, StringComparison.Ordinal) && Guid.TryParse(name.AsSpan(OperatorPrefix.Length), out var id) ? id : null;

    private const string OperatorPrefix = "staff:";

    public static Task<CashierDay?> FindAsync(PaymentsDbContext db, Guid staffId, string centre, string desk, LocalDate date, CancellationToken cancellationToken) =>
        db.CashierDays.SingleOrDefaultAsync(d => d.StaffId == staffId && d.Centre == centre && d.Desk == desk && d.Date == date, cancellationToken);

    /// <summary>
    /// Marks a payment or an approved cancellation on the cashier's day (creating the day on its first payment); refused
    /// once the day is closed. The day's version (or its unique key) makes a close racing this change look again.
    /// </summary>
    public static async Task<Result> TouchAsync(PaymentsDbContext db, Guid staffId, string centre, string desk, LocalDate date, Instant now,
        CancellationToken cancellationToken)
    {
        var day = await FindAsync(db, staffId, centre, desk, date, cancellationToken);
        if (day is null)
        {
            day = new CashierDay(SequentialId.New(now), staffId, centre, desk, date);
            db.CashierDays.Add(day);
        }
        else if (day.IsClosed)
        {
            return Result.Failure(Error.Of(PaymentsErrors.CashierDayClosed, null, ("desk", desk), ("date", date)));
        }

        day.Touch();
        return Result.Success();
    }

    /// <summary>
    /// Closes a cashier's day at a desk once. The day row's unique key (a day without payments) and its version (a
    /// payment, a cancellation or another close racing) make one close win; the loser looks again and answers
    /// <c>payments.cashier_day_already_closed</c>, or closes with the payment that got in first counted.
    /// </summary>
    public static async Task<Result<CashierDayReport>> CloseAsync(PaymentsDbContext db, UtilityClock clock, Currency currency, Guid staffId,
        string centre, string desk, LocalDate date, CancellationToken cancellationToken)
    {
        if (date > clock.Today)
        {
            return Result<CashierDayReport>.Failure(PaymentsErrors.CashierDayInFuture, "Date");
        }

        return await db.RetryOnConflictAsync<CashierDayReport>(async (_, ct) =>
        {
            var day = await FindAsync(db, staffId, centre, desk, date, ct);
            if (day?.IsClosed == true)
            {
                return Error.Of(PaymentsErrors.CashierDayAlreadyClosed, null, ("desk", desk), ("date", date));
            }

            var report = await ReportAsync(db, clock, currency, staffId, centre, desk, date, ct);
            if (report.PendingCancellations > 0)
            {
                return Error.Of(PaymentsErrors.CashierDayCancellationsPending, null, ("count", report.PendingCancellations));
            }

            if (day is null)
            {
                day = new CashierDay(SequentialId.New(clock.Now), staffId, centre, desk, date);
                db.CashierDays.Add(day);
            }

            day.Close(clock.Now, report.CashToHandOver.Amount, report.Card.Amount - report.CardCancelled.Amount, report.Receipts);
            return report with { ClosedAt = day.ClosedAt };
        }, new Error(CoreErrors.Conflict), DbConflict.Taken, cancellationToken);
    }

    /// <summary>The desk as configured (its code's spelling), or null when there is no such centre or desk.</summary>
    public static CashierDesk? Configured(PaymentsOptions options, string? centre, string? desk)
    {
        if (string.IsNullOrWhiteSpace(centre) || string.IsNullOrWhiteSpace(desk))
        {
            return null;
        }

        var match = options.CentresOrDefault.FirstOrDefault(c => string.Equals(c.Key, centre.Trim(), StringComparison.OrdinalIgnoreCase));
        var code = match.Value?.Desks.FirstOrDefault(d => string.Equals(d, desk.Trim(), StringComparison.OrdinalIgnoreCase));
        return code is null ? null : new CashierDesk(match.Key, match.Value!.Name, code);
    }

    /// <summary>The cashier's day at the desk: every counter payment they took there that utility day, with its cancellation.</summary>
    public static async Task<CashierDayReport> ReportAsync(PaymentsDbContext db, UtilityClock clock, Currency currency, Guid staffId, string centre,
        string desk, LocalDate date, CancellationToken cancellationToken)
    {
        var from = clock.StartOf(date);
        var to = clock.StartOf(date.PlusDays(1));
        var name = Operator(staffId);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.Operator == name && p.CreatedAt >= from && p.CreatedAt < to && p.Centre == centre && p.Terminal == desk
                && (p.Channel == PaymentChannel.Cash || p.Channel == PaymentChannel.CardAtCentre))
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.ReceiptNumber)
            .Select(p => new { p.Id, p.ReceiptNumber, p.CreatedAt, p.Channel, p.Amount, p.Currency, p.Tendered, p.CardReference })
            .ToListAsync(cancellationToken);
        var ids = payments.Select(p => p.Id).ToList();
        var cancellations = ids.Count == 0
            ? []
            : await db.CounterCancellations.AsNoTracking().Where(c => ids.Contains(c.PaymentId)).ToListAsync(cancellationToken);
        var status = cancellations.GroupBy(c => c.PaymentId).ToDictionary(g => g.Key, g => Cancellations.Current(g)!.Status);
        var lines = payments.Select(p => new CashierDayLine(p.Id, p.ReceiptNumber ?? string.Empty, p.CreatedAt, p.Channel, new Money(p.Amount, p.Currency),
            p.Tendered is { } t ? new Money(t, p.Currency) : null, p.CardReference,
            status.TryGetValue(p.Id, out var s) ? s : null)).ToList();
        var day = await db.CashierDays.AsNoTracking()
            .SingleOrDefaultAsync(d => d.StaffId == staffId && d.Centre == centre && d.Desk == desk && d.Date == date, cancellationToken);

        decimal Sum(PaymentChannel channel, bool cancelledOnly) => lines
            .Where(l => l.Channel == channel && (!cancelledOnly || l.Cancellation == CounterCancellationStatus.Approved))
            .Sum(l => l.Amount.Amount);
        var cash = Sum(PaymentChannel.Cash, false);
        var cashCancelled = Sum(PaymentChannel.Cash, true);
        return new CashierDayReport(staffId, centre, desk, date,
            new Money(cash, currency), new Money(Sum(PaymentChannel.CardAtCentre, false), currency), lines.Count,
            lines.Count(l => l.Cancellation == CounterCancellationStatus.Approved),
            new Money(cashCancelled, currency), new Money(Sum(PaymentChannel.CardAtCentre, true), currency),
            new Money(cash - cashCancelled, currency),
            lines.Count(l => l.Cancellation == CounterCancellationStatus.Pending),
            day?.ClosedAt, lines);
    }
}
