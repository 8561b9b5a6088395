using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Domain;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.Transactions;

internal sealed class RecordKioskTransactionValidator : AbstractValidator<RecordKioskTransaction>
{
    public RecordKioskTransactionValidator()
    {
        RuleFor(c => c.Amount).GreaterThan(0m).WithErrorCode(KiosksErrors.AmountNotPositive);
        RuleFor(c => c.Currency).Must(c => Currency.TryParse(c, out _)).WithErrorCode(KiosksErrors.CurrencyInvalid);
        RuleFor(c => c.Notes).NotNull().WithErrorCode(KiosksErrors.NotesInvalid)
            .Must(n => n.All(x => x is { Denomination: > 0m, Count: > 0 })).WithErrorCode(KiosksErrors.NotesInvalid);
        RuleFor(c => c.Notes).Must((c, n) => n.Sum(x => x.Denomination * x.Count) == c.Amount).WithErrorCode(KiosksErrors.NotesDoNotAddUp)
            .When(c => c.Method == KioskMethod.Cash && c.Notes is not null);
        RuleFor(c => c.Notes).Must(n => n.Count == 0).WithErrorCode(KiosksErrors.NotesInvalid)
            .When(c => c.Method == KioskMethod.Card && c.Notes is not null);
        RuleFor(c => c.CardAuthorization).Must(a => !string.IsNullOrWhiteSpace(a) && a.Trim().Length <= 50)
            .WithErrorCode(KiosksErrors.CardAuthorizationRequired).When(c => c.Method == KioskMethod.Card);
    }
}

/// <summary>
/// Counts a posted kiosk payment in the kiosk's day, once per journal entry. The day is the utility day the money was
/// taken on, or the kiosk's next open day when that one is closed. A close racing this transaction (the day's version)
/// or a twin of it (the entry's unique key) makes it look again.
/// </summary>
internal sealed class RecordKioskTransactionHandler(KiosksDbContext db, UtilityClock clock)
    : IRequestHandler<RecordKioskTransaction, Result<KioskTransactionRecorded>>
{
    public async Task<Result<KioskTransactionRecorded>> Handle(RecordKioskTransaction request, CancellationToken cancellationToken) =>
        await db.RetryOnConflictAsync<KioskTransactionRecorded>(async (_, ct) =>
        {
            var existing = await db.Transactions.AsNoTracking()
                .SingleOrDefaultAsync(t => t.KioskId == request.KioskId && t.EntryId == request.EntryId, ct);
            if (existing is not null)
            {
                return existing.Same(request.PaymentId, request.Method, request.Amount, request.Currency)
                    ? new KioskTransactionRecorded(existing.Day, Repeat: true)
                    : Result<KioskTransactionRecorded>.Failure(KiosksErrors.EntryReused, nameof(RecordKioskTransaction.EntryId));
            }

            var kiosk = await db.Kiosks.AsNoTracking().SingleOrDefaultAsync(k => k.Id == request.KioskId, ct);
            if (kiosk is null)
            {
                return Result<KioskTransactionRecorded>.Failure(KiosksErrors.KioskNotFound);
            }

            if (kiosk.Retired)
            {
                return Result<KioskTransactionRecorded>.Failure(KiosksErrors.KioskRetired);
            }

            // The day the money was taken, or the next one still open.
            var date = clock.DateOf(request.TakenAt);
            var days = await db.Days.Where(d => d.KioskId == kiosk.Id && d.Day >= date).OrderBy(d => d.Day).ToListAsync(ct);
            while (days.FirstOrDefault(d => d.Day == date) is { Closed: true })
            {
                date = date.PlusDays(1);
            }

            if (days.FirstOrDefault(d => d.Day == date) is { } open)
            {
                open.Touch();
            }
            else
            {
                db.Days.Add(KioskDay.Open(Guid.NewGuid(), kiosk.Id, date, clock.Now));
            }

            db.Transactions.Add(KioskTransaction.Record(Guid.NewGuid(), kiosk.Id, request.EntryId, request.PaymentId, date, request.Method,
                request.Amount, request.Currency.ToUpperInvariant(), request.Notes, request.CardAuthorization?.Trim(), request.TakenAt, clock.Now));
            return new KioskTransactionRecorded(date, Repeat: false);
        }, new Error(CoreErrors.Conflict), DbConflict.Taken | DbConflict.Transient, cancellationToken, attempts: 10);
}
