using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Money;
using Modular.Core.Outbox;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Online;
using Modular.Payments.Persistence;

namespace Modular.Payments.Imports;

/// <summary>
/// Stores read lines in batches inside ONE transaction: a file that turns out unreadable half-way stores nothing. Line
/// keys already stored (payments, suspense, reversals) are duplicates, so the same or an overlapping file adds nothing
/// twice; two imports racing on one file collide on the unique keys and the loser rolls back.
/// </summary>
internal sealed class ImportWriter(PaymentsDbContext db, ReferenceMatcher matcher, UtilityClock clock, IOptions<PaymentsOptions> options)
{
    private const int MaxReportedLines = 1_000;

    // New rows of the current batch, written in bulk (no change tracking) by FlushAsync.
    private readonly List<Payment> _payments = [];
    private readonly List<PaymentSplit> _splits = [];
    private readonly List<PaymentHistory> _history = [];
    private readonly List<SuspenseItem> _suspense = [];

    public async Task<ImportReport> WriteAsync(string kind, string source, string fileName, PaymentChannel channel, IEnumerable<IncomingLine> lines,
        CancellationToken cancellationToken)
    {
        ClearPending();
        var import = new PaymentImport(Guid.NewGuid(), kind, source, fileName, clock.Now);
        var batchSize = options.Value.ImportBatchSize;
        var home = Currency.Of(options.Value.Currency);
        var reported = new List<ImportLineReport>();
        var totals = new Dictionary<Currency, decimal>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int matched = 0, unmatched = 0, duplicates = 0, reversed = 0, skipped = 0, rejected = 0, total = 0;

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // The unique indexes on random keys outgrow SQLite's 2 MB default page cache within a large file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -131072", cancellationToken);
        }

        db.Imports.Add(import);
        await SaveBatchAsync(cancellationToken);
        foreach (var batch in lines.Chunk(batchSize))
        {
            var keys = batch.Select(l => l.Key).ToList();
            var stored = await StoredKeysAsync(keys, cancellationToken);
            foreach (var line in batch)
            {
                total++;
                void Report(ImportLineOutcome outcome, string? reason) =>
                    Add(reported, new ImportLineReport(line.Line, line.Key, outcome, line.Currency.Length == 3 ? Money.Of(line.Amount, line.Currency) : null,
                        CardNumbers.Redact(line.StructuredReference ?? line.Text), reason));

                if (line.RejectReason is not null)
                {
                    rejected++;
                    Report(ImportLineOutcome.Rejected, line.RejectReason);
                    continue;
                }

                if (stored.Contains(line.Key) || !seen.Add(line.Key))
                {
                    duplicates++;
                    Report(ImportLineOutcome.Duplicate, null);
                    continue;
                }

                if (!line.IsBooked || (!line.IsCredit && !line.IsReversal) || (line.IsCredit && line.IsReversal))
                {
                    // Debits are ours to pay, not to collect; a reversed debit is not money a customer paid us.
                    skipped++;
                    Report(ImportLineOutcome.Skipped, line.IsBooked ? PaymentErrors.Debit : PaymentErrors.NotBooked);
                    continue;
                }

                var money = Money.Of(line.Amount, line.Currency);
                var reference = CardNumbers.Redact(line.StructuredReference ?? line.Text);
                if (line.IsReversal)
                {
                    if (await ReverseAsync(line, source, money, reference, cancellationToken))
                    {
                        reversed++;
                        Report(ImportLineOutcome.Reversed, null);
                    }
                    else
                    {
                        rejected++;
                        Report(ImportLineOutcome.Rejected, PaymentErrors.ReversalWithoutOriginal);
                    }

                    continue;
                }

                var match = await matcher.MatchAsync(line.StructuredReference, line.Text, cancellationToken);
                var reason = match is null
                    ? (line.StructuredReference is null && line.Text is null ? PaymentErrors.NoReference : PaymentErrors.ReferenceUnknown)
                    : (match.Currency ?? home.Code) != money.Currency.Code ? PaymentErrors.CurrencyMismatch : null;
                if (reason is not null)
                {
                    unmatched++;
                    _suspense.Add(new SuspenseItem(Guid.NewGuid(), line.Key, source, money, line.ValueDate, reference, CardNumbers.Redact(line.Payer),
                        reason, import.Id, clock.Now));
                    Report(ImportLineOutcome.Unmatched, reason);
                    continue;
                }

                matched++;
                totals[money.Currency] = totals.GetValueOrDefault(money.Currency) + money.Amount;
                var plan = AllocationPlan.ForCustomer(match!.CustomerId, money, match.InvoiceId is { } invoice ? [invoice] : null);
                var payment = Payment.Received(Guid.NewGuid(), CreatePaymentHandler.NewReference(), plan, channel, line.ValueDate, clock.Now,
                    line.Key, source, reference, import.Id, line.Terminal);
                _payments.Add(payment);
                _splits.AddRange(payment.Splits);
                _history.AddRange(payment.History);
                foreach (var settled in payment.SettledEvents(clock.Now))
                {
                    db.Publish(settled);
                }
            }

            await SaveBatchAsync(cancellationToken);
        }

        import.Total = total;
        import.Matched = matched;
        import.Unmatched = unmatched;
        import.Duplicates = duplicates;
        import.Rejected = rejected;
        db.Imports.Update(import);
        await SaveBatchAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return new ImportReport(import.Id, source, total, matched, unmatched, duplicates, reversed, skipped, rejected,
            totals.Select(t => new Money(t.Value, t.Key)).ToList(), reported);
    }

    /// <summary>
    /// Saves what EF tracks (the import row, reversals), then writes the batch's new rows in bulk. Published events
    /// sit in the tracker as added outbox rows: they are taken out and bulk-written in the same transaction.
    /// </summary>
    private async Task SaveBatchAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var outbox = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        var events = outbox.Select(e => e.Entity).ToList();
        foreach (var entry in outbox)
        {
            entry.State = EntityState.Detached;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await BulkWriter.WriteAsync(db, _payments, cancellationToken);
        await BulkWriter.WriteAsync(db, _splits, cancellationToken);
        await BulkWriter.WriteAsync(db, _history, cancellationToken);
        await BulkWriter.WriteAsync(db, _suspense, cancellationToken);
        await BulkWriter.WriteAsync(db, events, cancellationToken);
        ClearPending();
    }

    /// <summary>A retried import (after losing a race) must not carry the failed attempt's rows.</summary>
    private void ClearPending()
    {
        _payments.Clear();
        _splits.Clear();
        _history.Clear();
        _suspense.Clear();
    }

    private Task<HashSet<string>> StoredKeysAsync(List<string> keys, CancellationToken cancellationToken) =>
        BulkWriter.ExistingKeysAsync(db, keys, cancellationToken,
            (typeof(Payment), nameof(Payment.ExternalKey)), (typeof(SuspenseItem), nameof(SuspenseItem.ExternalKey)),
            (typeof(PaymentRefund), nameof(PaymentRefund.IdempotencyKey)));

    /// <summary>
    /// A bank reversal (RvslInd) takes back an earlier credit from the same account with the same amount and reference:
    /// the payment is reversed (billing undoes it), or the suspense item closed. The reversal is stored keyed by its line.
    /// </summary>
    private async Task<bool> ReverseAsync(IncomingLine line, string source, Money money, string? reference, CancellationToken cancellationToken)
    {
        await SaveBatchAsync(cancellationToken);
        var candidates = await db.Payments.Include(p => p.Splits)
            .Where(p => p.Source == source && p.PayerReference == reference && (p.Status == PaymentStatus.Settled || p.Status == PaymentStatus.PartiallyRefunded))
            .ToListAsync(cancellationToken);
        var payment = candidates.FirstOrDefault(p => p.Currency == money.Currency && p.Amount - p.Refunded >= money.Amount);
        Guid target;
        if (payment is not null)
        {
            var reversals = payment.Refund(money.Amount, "bank reversal", "reversed", clock.Now);
            if (reversals.IsFailure)
            {
                return false;
            }

            foreach (var (eventPaymentId, customerId, part) in reversals.Value)
            {
                db.Publish(new PaymentReversed(Guid.NewGuid(), clock.Now, eventPaymentId, customerId, part, "bank reversal"));
            }

            target = payment.Id;
        }
        else
        {
            var items = await db.Suspense.Where(s => s.Source == source && s.Reference == reference && s.Status == SuspenseStatus.Open).ToListAsync(cancellationToken);
            var item = items.FirstOrDefault(s => s.Currency == money.Currency && s.Amount == money.Amount);
            if (item is null || !item.Reverse(clock.Now))
            {
                return false;
            }

            target = item.Id;
        }

        db.Refunds.Add(new PaymentRefund(Guid.NewGuid(), target, money, "bank reversal", line.Key, null, clock.Now));
        await SaveBatchAsync(cancellationToken);
        return true;
    }

    private static void Add(List<ImportLineReport> reported, ImportLineReport line)
    {
        if (reported.Count < MaxReportedLines)
        {
            reported.Add(line);
        }
    }
}
