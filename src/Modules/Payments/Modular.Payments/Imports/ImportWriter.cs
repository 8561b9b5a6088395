using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Money;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Imports;

/// <summary>
/// Stores read lines in batches inside ONE transaction: a file that turns out unreadable half-way stores nothing. Line
/// keys already stored (payments, suspense, reversals) are duplicates, so the same or an overlapping file adds nothing
/// twice; two imports racing on one file collide on the unique keys and the loser rolls back.
/// </summary>
internal sealed class ImportWriter(PaymentsDbContext db, ReferenceMatcher matcher, UtilityClock clock, IOptions<PaymentsOptions> options)
{
    // New rows of the current batch, written in bulk (no change tracking) by SaveBatchAsync.
    private readonly List<Payment> _payments = [];
    private readonly List<PaymentSplit> _splits = [];
    private readonly List<PaymentHistory> _history = [];
    private readonly List<SuspenseItem> _suspense = [];
    private readonly List<OutboxMessage> _events = [];

    public async Task<ImportReport> WriteAsync(string kind, string source, string fileName, PaymentChannel channel, IEnumerable<IncomingLine> lines,
        CancellationToken cancellationToken)
    {
        ClearPending();
        var import = new PaymentImport(SequentialId.New(clock.Now), kind, source, ImportFields.Text(fileName, ImportFields.MaxFileName) ?? string.Empty, clock.Now);
        var tally = new Tally();

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var tuning = await ImportTuning.ApplyAsync(db, cancellationToken);

        db.Imports.Add(import);
        await SaveBatchAsync(cancellationToken);

        // Stage one (parse, match, build rows) runs on its own task, at most two batches ahead of the writes here.
        var preparer = new LinePreparer(matcher, clock, Currency.Of(options.Value.Currency), channel, source, import.Id);
        var batches = Channel.CreateBounded<PreparedLine[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var preparing = Task.Run(() => preparer.ProduceAsync(lines, options.Value.ImportBatchSize, batches.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                await StoreAsync(batch, source, tally, cancellationToken);
            }

            await preparing; // an unreadable file surfaces here, before anything is committed
        }
        finally
        {
            await stop.CancelAsync();
            await preparing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        import.Total = tally.Total;
        import.Matched = tally.Matched;
        import.Unmatched = tally.Unmatched;
        import.Duplicates = tally.Duplicates;
        import.Rejected = tally.Rejected;
        db.Imports.Update(import);
        db.ImportLines.AddRange(tally.Lines.Select(l => new PaymentImportLine(SequentialId.New(clock.Now), import.Id, l)));
        await SaveBatchAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken); // wakes the outbox dispatcher for the events written in bulk
        db.ChangeTracker.AutoDetectChangesEnabled = true;

        return new ImportReport(import.Id, source, tally.Total, tally.Matched, tally.Unmatched, tally.Duplicates, tally.Reversed, tally.Skipped,
            tally.Rejected, tally.Totals.Select(t => new Money(t.Value, t.Key)).ToList(), tally.Lines);
    }

    private async Task StoreAsync(PreparedLine[] batch, string source, Tally tally, CancellationToken cancellationToken)
    {
        // Earlier batches are already written in this transaction, so the query finds their keys too: "seen" only has
        // to catch a key repeated inside this batch, and memory stays flat whatever the file's size.
        var stored = await StoredKeysAsync(batch.Select(p => p.Line.Key).ToList(), cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prepared in batch)
        {
            var line = prepared.Line;
            tally.Total++;
            if (prepared.Kind == PreparedKind.Rejected)
            {
                tally.Report(line, ImportLineOutcome.Rejected, prepared.Reason);
                continue;
            }

            if (stored.Contains(line.Key) || !seen.Add(line.Key))
            {
                tally.Report(line, ImportLineOutcome.Duplicate, null);
                continue;
            }

            switch (prepared.Kind)
            {
                case PreparedKind.Skipped:
                    tally.Report(line, ImportLineOutcome.Skipped, prepared.Reason);
                    break;
                case PreparedKind.Reversal when await ReverseAsync(line, source, prepared.Money!.Value, prepared.Reference, cancellationToken):
                    tally.Report(line, ImportLineOutcome.Reversed, null);
                    break;
                case PreparedKind.Reversal:
                    tally.Report(line, ImportLineOutcome.Rejected, PaymentsErrors.ReversalWithoutOriginal);
                    break;
                case PreparedKind.Unmatched:
                    _suspense.Add(prepared.Suspense!);
                    tally.Report(line, ImportLineOutcome.Unmatched, prepared.Reason);
                    break;
                default:
                    var money = prepared.Money!.Value;
                    tally.Totals[money.Currency] = tally.Totals.GetValueOrDefault(money.Currency) + money.Amount;
                    _payments.Add(prepared.Payment!);
                    _splits.AddRange(prepared.Payment!.Splits);
                    _history.AddRange(prepared.Payment.History);
                    _events.AddRange(prepared.Events!);
                    tally.Matched++;
                    break;
            }
        }

        await SaveBatchAsync(cancellationToken);
    }

    /// <summary>
    /// Saves what EF tracks (the import row, reversals and their events), then writes the batch's new rows in bulk and
    /// their outbox rows through Core's bulk outbox write, in the same transaction.
    /// </summary>
    private async Task SaveBatchAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await BulkWriter.WriteAsync(db, _payments, cancellationToken);
        await BulkWriter.WriteAsync(db, _splits, cancellationToken);
        await BulkWriter.WriteAsync(db, _history, cancellationToken);
        await BulkWriter.WriteAsync(db, _suspense, cancellationToken);
        await db.WriteOutboxAsync(_events, cancellationToken);
        ClearPending();
    }

    /// <summary>A retried import (after losing a race) must not carry the failed attempt's rows.</summary>
    private void ClearPending()
    {
        _payments.Clear();
        _splits.Clear();
        _history.Clear();
        _suspense.Clear();
        _events.Clear();
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
                db.Publish(new PaymentReversed(SequentialId.New(clock.Now), clock.Now, eventPaymentId, customerId, part, "bank reversal"));
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

        db.Refunds.Add(new PaymentRefund(SequentialId.New(clock.Now), target, money, "bank reversal", line.Key, null, clock.Now));
        await SaveBatchAsync(cancellationToken);
        return true;
    }

    /// <summary>Counts per outcome, totals per currency, and the first lines that need a person's attention.</summary>
    private sealed class Tally
    {
        private const int MaxReportedLines = 1_000;

        public int Total;
        public int Matched;
        public int Unmatched;
        public int Duplicates;
        public int Reversed;
        public int Skipped;
        public int Rejected;

        public Dictionary<Currency, decimal> Totals { get; } = [];

        public List<ImportLineReport> Lines { get; } = [];

        public void Report(IncomingLine line, ImportLineOutcome outcome, string? reason)
        {
            _ = outcome switch
            {
                ImportLineOutcome.Rejected => Rejected++,
                ImportLineOutcome.Duplicate => Duplicates++,
                ImportLineOutcome.Skipped => Skipped++,
                ImportLineOutcome.Reversed => Reversed++,
                _ => Unmatched++,
            };
            if (Lines.Count < MaxReportedLines)
            {
                Lines.Add(new ImportLineReport(line.Line, line.Key, outcome, line.Currency.Length == 3 ? Money.Of(line.Amount, line.Currency) : null,
                    ImportFields.Text(CardNumbers.Redact(line.StructuredReference ?? line.Text), ImportFields.MaxReference), reason));
            }
        }
    }

    /// <summary>
    /// Connection settings for the length of one import. PostgreSQL: rows written earlier in the same uncommitted import
    /// are invisible to the planner's statistics, so it takes the growing tables for empty and would scan them whole for
    /// every batch's key check; sequential scans are switched off for the transaction (<c>SET LOCAL</c> ends with it).
    /// SQLite: the indexes outgrow the 2 MB default page cache, so the connection gets 128 MB until the import ends.
    /// </summary>
    private sealed class ImportTuning(PaymentsDbContext db) : IAsyncDisposable
    {
        public static async Task<ImportTuning?> ApplyAsync(PaymentsDbContext db, CancellationToken cancellationToken)
        {
            if (!db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", cancellationToken);
                return null;
            }

            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -131072", cancellationToken);
            return new ImportTuning(db);
        }

        // The connection returns to the pool: give the page cache back.
        public async ValueTask DisposeAsync() => await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000");
    }
}
