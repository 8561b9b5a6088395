using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Messaging;
using Modular.Core.Outbox;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Billing.Runs;

/// <summary>
/// Streams contracts page by page (Accounts' ListContracts), asks Readings for the page's consumption, prices each
/// contract and writes the page's invoices, their events, the series counter and the run's progress in one transaction.
/// A page whose contracts another run invoiced meanwhile is retried and finds them already invoiced, so runs are
/// idempotent. The run is leased to this call: an interrupted run (a failure gives the lease back at once; a killed
/// process lets it run out) is resumed from its last committed page by the next RunBilling of the period.
/// </summary>
[OwnTransactions]
internal sealed class RunBillingHandler(
    BillingDbContext db,
    IMediator mediator,
    UtilityClock clock,
    InvoiceCalculator calculator,
    InvoiceBulkWriter writer,
    IOptions<BillingOptions> options,
    ILogger<RunBillingHandler> logger) : IRequestHandler<RunBilling, Result<BillingRunReport>>
{
    private const int MaxReportedErrors = 500;
    private const int MaxAttempts = 5;
    private readonly BillingOptions _options = options.Value;

    public async Task<Result<BillingRunReport>> Handle(RunBilling request, CancellationToken cancellationToken)
    {
        var tariffs = await db.Tariffs.AsNoTracking().ToListAsync(cancellationToken);
        var runner = Guid.NewGuid().ToString("N");
        var run = await ClaimAsync(request.Period, runner, cancellationToken);
        var completed = false;
        try
        {
            var totals = PageCounts.Of(run);
            Guid? after = run.Cursor;
            var analyzedAt = 0;
            while (true)
            {
                var fetching = RunStageTimes.Start();
                var page = await mediator.Send(new ListContracts(after, _options.RunPageSize), cancellationToken);
                if (page.IsFailure)
                {
                    return Result<BillingRunReport>.Failure(Error.Of(BillingErrors.ContractsUnavailable, null, ("reason", page.Error.Code)));
                }

                if (page.Value.Count == 0)
                {
                    break;
                }

                after = page.Value[^1].ContractId;
                var consumption = await mediator.Send(new GetBillingConsumption(page.Value.Select(c => c.ContractId).ToList(), request.Period), cancellationToken);
                if (consumption.IsFailure)
                {
                    // Readings cannot answer: stop rather than report every contract as lacking consumption. Rerun later.
                    return Result<BillingRunReport>.Failure(Error.Of(BillingErrors.ConsumptionUnavailable, null, ("reason", consumption.Error.Code)));
                }

                var byContract = consumption.Value.GroupBy(c => c.ContractId).ToDictionary(g => g.Key, g => g.First());
                RunStageTimes.Add(ref RunStageTimes.Fetch, fetching);
                var counts = await ProcessPageWithRetryAsync(run, runner, request.Period, page.Value, byContract, tariffs, totals, cancellationToken);
                if (counts is null)
                {
                    return Result<BillingRunReport>.Failure(BillingErrors.RunTakenOver);
                }

                totals = totals.Add(counts);
                if (totals.Issued >= Math.Max(_options.RunPageSize, 2 * analyzedAt))
                {
                    // Each time the run has doubled what it issued: about ten refreshes for a million contracts.
                    await writer.RefreshStatisticsAsync(cancellationToken);
                    analyzedAt = totals.Issued;
                }

                if (page.Value.Count < _options.RunPageSize)
                {
                    break;
                }
            }

            var now = clock.Now;
            completed = await db.Runs.Where(r => r.Id == run.Id && r.LeasedBy == runner)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CompletedAt, now).SetProperty(r => r.LeaseUntil, (Instant?)null), cancellationToken) == 1;
            if (!completed)
            {
                return Result<BillingRunReport>.Failure(BillingErrors.RunTakenOver);
            }

            var errors = await db.RunProblems.AsNoTracking().Where(p => p.RunId == run.Id).OrderBy(p => p.ContractId).Take(MaxReportedErrors)
                .Select(p => new BillingRunError(p.ContractId, p.ContractNumber, p.Code)).ToListAsync(cancellationToken);
            logger.LogInformation("Billing run {RunId} for {Period} completed{Resumed}: {Issued} issued, {Already} already invoiced, {Failed} failed",
                run.Id, request.Period, run.Resumptions > 0 ? " after resuming" : string.Empty, totals.Issued, totals.AlreadyInvoiced, totals.Failed);
            return new BillingRunReport(run.Id, request.Period, totals.Contracts, totals.Issued, totals.AlreadyInvoiced, totals.NotBillable,
                totals.Failed, errors);
        }
        finally
        {
            if (!completed)
            {
                // Give the run back at once, so the next RunBilling of the period resumes it without waiting for the lease.
                await db.Runs.Where(r => r.Id == run.Id && r.LeasedBy == runner && r.CompletedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeasedBy, (string?)null).SetProperty(r => r.LeaseUntil, (Instant?)null), CancellationToken.None);
            }
        }
    }

    /// <summary>Takes over the oldest interrupted run of the period (no lease, or one that ran out), else starts a new one.</summary>
    private async Task<BillingRun> ClaimAsync(YearMonth period, string runner, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var until = now + Duration.FromSeconds(_options.RunLeaseSeconds);
        var interrupted = await db.Runs.AsNoTracking()
            .Where(r => r.Period == period && r.CompletedAt == null && (r.LeaseUntil == null || r.LeaseUntil < now))
            .OrderBy(r => r.StartedAt).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in interrupted)
        {
            // Re-checked in the update: of two callers resuming at once, one takes it and the other looks further.
            var taken = await db.Runs.Where(r => r.Id == id && r.CompletedAt == null && (r.LeaseUntil == null || r.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeasedBy, runner).SetProperty(r => r.LeaseUntil, until)
                    .SetProperty(r => r.Resumptions, r => r.Resumptions + 1), cancellationToken);
            if (taken == 1)
            {
                var resumed = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
                logger.LogInformation("Billing run {RunId} for {Period} resumed after contract {Cursor}", id, period, resumed.Cursor);
                return resumed;
            }
        }

        var run = new BillingRun { Id = Guid.NewGuid(), Period = period, StartedAt = now, LeasedBy = runner, LeaseUntil = until };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return run;
    }

    /// <summary>The page's counts, or null when the run's lease was lost (another call took the run over).</summary>
    private async Task<PageCounts?> ProcessPageWithRetryAsync(BillingRun run, string runner, YearMonth period, IReadOnlyList<ContractSummary> page,
        Dictionary<Guid, ContractConsumption> consumption, IReadOnlyList<TariffEntry> tariffs, PageCounts before, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ProcessPageAsync(run, runner, period, page, consumption, tariffs, before, cancellationToken);
            }
            catch (Exception ex) when (attempt < MaxAttempts && (DbErrors.IsUniqueViolation(ex) || DbErrors.IsTransient(ex)))
            {
                // Another run wrote some of these contracts (or the database was busy): the page is redone from scratch.
                db.ChangeTracker.Clear();
                logger.LogInformation("Billing page after {After} retried ({Attempt}): {Message}", page[0].ContractId, attempt, ex.Message);
            }
        }
    }

    private async Task<PageCounts?> ProcessPageAsync(BillingRun run, string runner, YearMonth period, IReadOnlyList<ContractSummary> page,
        Dictionary<Guid, ContractConsumption> consumption, IReadOnlyList<TariffEntry> tariffs, PageCounts before, CancellationToken cancellationToken)
    {
        var checking = RunStageTimes.Start();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lastNumber = await writer.LockSeriesAsync(_options.Series, cancellationToken);
        var ids = page.Select(c => c.ContractId).ToList();
        // One array parameter (json_each on SQLite, = ANY on PostgreSQL): thousands of single parameters cost more to bind than to look up.
        var existing = (await db.Invoices.AsNoTracking().Where(i => EF.Parameter(ids).Contains(i.ContractId) && i.Period == period)
            .Select(i => i.ContractId).ToListAsync(cancellationToken)).ToHashSet();
        var estimates = await EstimatesAsync(period, page, consumption, existing, cancellationToken);

        RunStageTimes.Add(ref RunStageTimes.Check, checking);
        var pricing = RunStageTimes.Start();
        var counts = new PageCounts { Contracts = page.Count };
        var issued = new List<IssuedInvoice>(page.Count);
        var today = clock.Today;
        var now = clock.Now;
        foreach (var contract in page)
        {
            if (existing.Contains(contract.ContractId))
            {
                counts.AlreadyInvoiced++;
                continue;
            }

            var outcome = calculator.Calculate(contract, consumption.GetValueOrDefault(contract.ContractId), period, tariffs,
                estimates.TryGetValue(contract.ContractId, out var e) ? e : []);
            if (outcome.ErrorCode is { } code)
            {
                counts.Failed++;
                counts.Errors.Add(new BillingRunError(contract.ContractId, contract.ContractNumber, code));
                continue;
            }

            if (outcome.Draft is not { } draft)
            {
                counts.NotBillable++;
                continue;
            }

            var invoice = InvoiceFactory.Issue(contract, period, draft, _options, ++lastNumber, today);
            issued.Add(new IssuedInvoice(invoice, InvoiceFactory.IssuedEvent(invoice, now)));
        }

        counts.Issued = issued.Count;
        RunStageTimes.Add(ref RunStageTimes.Price, pricing);
        var writing = RunStageTimes.Start();
        await writer.InsertAsync(issued, cancellationToken);
        await writer.SetSeriesAsync(_options.Series, lastNumber, cancellationToken);
        db.RunProblems.AddRange(counts.Errors.Select(err => new BillingRunProblem
        {
            Id = Guid.NewGuid(), RunId = run.Id, ContractId = err.ContractId, ContractNumber = err.ContractNumber, Code = err.Code,
        }));
        // The run's progress commits with the page; renewing the lease fails if another call has taken the run over.
        var total = before.Add(counts);
        var leaseUntil = now + Duration.FromSeconds(_options.RunLeaseSeconds);
        var cursor = page[^1].ContractId;
        var held = await db.Runs.Where(r => r.Id == run.Id && r.LeasedBy == runner).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Contracts, total.Contracts)
            .SetProperty(r => r.Issued, total.Issued)
            .SetProperty(r => r.AlreadyInvoiced, total.AlreadyInvoiced)
            .SetProperty(r => r.NotBillable, total.NotBillable)
            .SetProperty(r => r.Failed, total.Failed)
            .SetProperty(r => r.Cursor, cursor)
            .SetProperty(r => r.LastProgressAt, now)
            .SetProperty(r => r.LeaseUntil, leaseUntil), cancellationToken);
        if (held == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return null;
        }

        await db.SaveChangesAsync(cancellationToken);
        RunStageTimes.Add(ref RunStageTimes.Write, writing);
        var committing = RunStageTimes.Start();
        await transaction.CommitAsync(cancellationToken);
        RunStageTimes.Add(ref RunStageTimes.Commit, committing);
        db.ChangeTracker.Clear();
        return counts;
    }

    /// <summary>Estimated invoices of the contracts whose consumption is actual and can regularize them.</summary>
    private async Task<Dictionary<Guid, List<EstimatedBilling>>> EstimatesAsync(YearMonth period, IReadOnlyList<ContractSummary> page,
        Dictionary<Guid, ContractConsumption> consumption, HashSet<Guid> existing, CancellationToken cancellationToken)
    {
        var candidates = page.Select(c => c.ContractId)
            .Where(id => !existing.Contains(id) && consumption.TryGetValue(id, out var c) && c.Quality == ConsumptionQuality.Actual && c.PreviousActualDate is not null)
            .ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var rows = await db.Invoices.AsNoTracking()
            .Where(i => EF.Parameter(candidates).Contains(i.ContractId) && i.Estimated && i.Period < period)
            .Select(i => new { i.ContractId, i.Period, i.CubicMeters })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ContractId).ToDictionary(g => g.Key, g => g.Select(r => new EstimatedBilling(r.Period, r.CubicMeters)).ToList());
    }

    private sealed class PageCounts
    {
        /// <summary>The totals a run had committed before this call (zero for a new run).</summary>
        public static PageCounts Of(BillingRun run) => new()
        {
            Contracts = run.Contracts,
            Issued = run.Issued,
            AlreadyInvoiced = run.AlreadyInvoiced,
            NotBillable = run.NotBillable,
            Failed = run.Failed,
        };

        public int Contracts { get; set; }

        public int Issued { get; set; }

        public int AlreadyInvoiced { get; set; }

        public int NotBillable { get; set; }

        public int Failed { get; set; }

        public List<BillingRunError> Errors { get; } = [];

        public PageCounts Add(PageCounts other) => new()
        {
            Contracts = Contracts + other.Contracts,
            Issued = Issued + other.Issued,
            AlreadyInvoiced = AlreadyInvoiced + other.AlreadyInvoiced,
            NotBillable = NotBillable + other.NotBillable,
            Failed = Failed + other.Failed,
        };
    }
}

/// <summary>Where a run's time goes (process-wide totals in stopwatch ticks), for the benchmark and diagnostics.</summary>
internal static class RunStageTimes
{
    public static long Fetch;
    public static long Check;
    public static long Price;
    public static long Write;
    public static long Commit;

    public static long Start() => System.Diagnostics.Stopwatch.GetTimestamp();

    public static void Add(ref long stage, long started) => Interlocked.Add(ref stage, System.Diagnostics.Stopwatch.GetTimestamp() - started);

    public static string Describe() => string.Join(", ", new[] { ("fetch", Fetch), ("check", Check), ("price", Price), ("write", Write), ("commit", Commit) }
        .Select(s => $"{s.Item1} {System.Diagnostics.Stopwatch.GetElapsedTime(0, s.Item2).TotalSeconds:F1} s"));

    public static void Reset() => Fetch = Check = Price = Write = Commit = 0;
}
