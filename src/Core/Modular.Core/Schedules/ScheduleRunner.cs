using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Diagnostics;
using Modular.Core.Persistence;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.Schedules;

/// <summary>
/// Runs the jobs whose occurrence is due, each once across every instance on the database. A job's row in Core's store
/// names the occurrence last claimed and the lease of the runner working on it; a runner claims the latest due
/// occurrence with one conditional update (the row must still be as it read it, and no live lease on it), so two
/// runners racing run it once, missed occurrences collapse into one run, and a crashed runner's occurrence is taken
/// over when its lease ends. The host's background loop calls it; tests call <see cref="RunDueAsync"/> with a fake clock.
/// </summary>
public sealed class ScheduleRunner
{
    private static readonly Counter<long> Runs = ModularDiagnostics.Meter.CreateCounter<long>(
        "modular.schedule.runs", description: "Scheduled job runs by job and outcome");

    private static readonly Histogram<double> RunDuration = ModularDiagnostics.Meter.CreateHistogram<double>(
        "modular.schedule.run.duration", unit: "s", description: "Duration of scheduled job runs");

    private readonly ILifetimeScope _root;
    private readonly ScheduleCatalog _catalog;
    private readonly IClock _clock;
    private readonly IOptions<ScheduleOptions> _options;
    private readonly ILogger<ScheduleRunner> _logger;
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}";
    private readonly ConcurrentDictionary<string, Task<ScheduledJobRun>> _running = new();

    internal ScheduleRunner(ILifetimeScope root, ScheduleCatalog catalog, IClock clock, IOptions<ScheduleOptions> options, ILogger<ScheduleRunner> logger)
    {
        _root = root;
        _catalog = catalog;
        _clock = clock;
        // Read when used: hosted services are built before the host validates options, and this one's validation names the bad key.
        _options = options;
        _logger = logger;
    }

    private Duration Lease => Duration.FromSeconds(_options.Value.LeaseSeconds);

    /// <summary>Claims every enabled job whose occurrence is due now and runs them (concurrently); answers when they ended.</summary>
    public async Task<IReadOnlyList<ScheduledJobRun>> RunDueAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(await StartDueAsync(cancellationToken));

    /// <summary>Claims the due jobs and starts them; the tasks end with their runs.</summary>
    internal async Task<IReadOnlyList<Task<ScheduledJobRun>>> StartDueAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var states = await RegisterAsync(updateDefinitions: false, cancellationToken);
        var started = new List<Task<ScheduledJobRun>>();
        foreach (var job in _catalog.Jobs.Where(j => j.Enabled && states.ContainsKey(j.Name)))
        {
            // A job this runner is running is skipped; the entry leaves before the run's task completes, so a caller
            // awaiting the run finds the job free again.
            var done = new TaskCompletionSource<ScheduledJobRun>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_running.TryAdd(job.Name, done.Task))
            {
                continue;
            }

            Claim? claim;
            try
            {
                claim = await TryClaimAsync(job, states[job.Name], now, cancellationToken);
            }
            catch
            {
                _running.TryRemove(job.Name, out _);
                throw;
            }

            if (claim is null)
            {
                _running.TryRemove(job.Name, out _);
                continue;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    var run = await RunAsync(job, claim, cancellationToken);
                    _running.TryRemove(job.Name, out _);
                    done.SetResult(run);
                }
                catch (Exception ex)
                {
                    _running.TryRemove(job.Name, out _);
                    done.SetException(ex);
                }
            }, CancellationToken.None);
            started.Add(done.Task);
        }

        return started;
    }

    /// <summary>Ends when the runs this runner started have ended.</summary>
    internal Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    /// <summary>How long the background loop may wait: until just after the next occurrence of an enabled job, at most the poll interval.</summary>
    internal TimeSpan DelayBeforeNextLook()
    {
        var now = _clock.GetCurrentInstant();
        var poll = Duration.FromSeconds(_options.Value.PollSeconds);
        var wait = _catalog.Jobs.Where(j => j.Enabled)
            .Select(j => j.Schedule.NextAfter(now))
            .Where(next => next is not null)
            .Select(next => next!.Value - now + Duration.FromMilliseconds(10))
            .DefaultIfEmpty(poll)
            .Min();
        return (wait < poll ? wait : poll).ToTimeSpan();
    }

    /// <summary>
    /// Writes a row for each declared job that has none (first seen now: earlier occurrences are not owed); with
    /// <paramref name="updateDefinitions"/> (hosts that run jobs) also records each job's cron, switch and next run.
    /// Answers the rows of the declared jobs.
    /// </summary>
    internal async Task<Dictionary<string, ScheduleState>> RegisterAsync(bool updateDefinitions, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var names = _catalog.Jobs.Select(j => j.Name).ToList();
        await using var scope = _root.BeginLifetimeScope();
        var db = scope.Resolve<CoreDbContext>();
        var states = await db.Set<ScheduleState>().AsNoTracking().Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        foreach (var job in _catalog.Jobs)
        {
            if (!states.ContainsKey(job.Name))
            {
                var state = new ScheduleState
                {
                    Name = job.Name,
                    Module = job.Definition.Module,
                    Cron = job.Schedule.Text,
                    Enabled = job.Enabled,
                    RegisteredAt = now,
                    NextOccurrence = job.Schedule.NextAfter(now),
                };
                db.Add(state);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    states[job.Name] = state;
                }
                catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
                {
                    // Another instance registered it at the same moment; its row stands.
                }

                db.ChangeTracker.Clear();
                continue;
            }

            if (updateDefinitions)
            {
                var next = NextDue(job, states[job.Name], now);
                await db.Set<ScheduleState>().Where(s => s.Name == job.Name).ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.Module, job.Definition.Module)
                    .SetProperty(s => s.Cron, job.Schedule.Text)
                    .SetProperty(s => s.Enabled, job.Enabled)
                    .SetProperty(s => s.NextOccurrence, next), cancellationToken);
            }
        }

        return await db.Set<ScheduleState>().AsNoTracking().Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
    }

    /// <summary>The occurrence a runner would claim now (a missed one), else the next one.</summary>
    private static Instant? NextDue(ScheduledJobEntry job, ScheduleState state, Instant now) =>
        job.Schedule.LatestIn(state.LastOccurrence ?? state.RegisteredAt, now) ?? job.Schedule.NextAfter(now);

    private async Task<Claim?> TryClaimAsync(ScheduledJobEntry job, ScheduleState state, Instant now, CancellationToken cancellationToken)
    {
        if (state.LeaseUntil is { } until && until >= now)
        {
            return null;
        }

        // The latest occurrence since the last claimed one: after downtime, the missed occurrences run once. With none
        // new, an expired lease still on the row is a run that a crashed or stopped runner left: take it over.
        var occurrence = job.Schedule.LatestIn(state.LastOccurrence ?? state.RegisteredAt, now);
        if (occurrence is null && state.LeaseOwner is not null)
        {
            occurrence = state.LastOccurrence;
        }

        if (occurrence is not { } claimed)
        {
            return null;
        }

        var owner = $"{_instance}/{Guid.NewGuid():N}";
        var leaseUntil = now + Lease;
        var next = job.Schedule.NextAfter(now);
        var seenOccurrence = state.LastOccurrence;
        var seenOwner = state.LeaseOwner;
        await using var scope = _root.BeginLifetimeScope();
        var db = scope.Resolve<CoreDbContext>();

        // The row must still be as read, and free: of two runners racing for the occurrence, one updates it.
        var updated = await db.Set<ScheduleState>()
            .Where(s => s.Name == job.Name && s.LastOccurrence == seenOccurrence && s.LeaseOwner == seenOwner
                && (s.LeaseUntil == null || s.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.LastOccurrence, claimed)
                .SetProperty(s => s.LeaseOwner, owner)
                .SetProperty(s => s.LeaseUntil, leaseUntil)
                .SetProperty(s => s.LastStartedAt, now)
                .SetProperty(s => s.LastOutcome, ScheduledJobOutcome.Running)
                .SetProperty(s => s.NextOccurrence, next), cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        if (seenOwner is not null && seenOccurrence == claimed)
        {
            _logger.LogWarning("Job {Job}: taking over the run of {Occurrence} that {Owner} left unfinished", job.Name, claimed, seenOwner);
        }

        return new Claim(owner, claimed, now);
    }

    private async Task<ScheduledJobRun> RunAsync(ScheduledJobEntry job, Claim claim, CancellationToken cancellationToken)
    {
        using var activity = ModularDiagnostics.ActivitySource.StartActivity("schedule " + job.Name);
        activity?.SetTag("modular.schedule.job", job.Name);
        activity?.SetTag("modular.schedule.occurrence", claim.Occurrence.ToString());
        var started = Stopwatch.GetTimestamp();
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(job.Name, claim.Owner, heartbeatStop.Token);
        ScheduledJobOutcome outcome;
        string? message;
        try
        {
            await using var scope = _root.BeginLifetimeScope(b => b.RegisterInstance(SystemUser.Instance).As<ICurrentUser>());
            var instance = (IScheduledJob)scope.Resolve(job.Definition.JobType);
            var result = await instance.RunAsync(new ScheduledRun(job.Name, claim.Occurrence, claim.StartedAt), cancellationToken);
            (outcome, message) = result.IsSuccess
                ? (ScheduledJobOutcome.Succeeded, result.Value)
                : (ScheduledJobOutcome.Failed, string.Join(", ", result.Errors));
            if (result.IsFailure)
            {
                _logger.LogWarning("Job {Job} ({Occurrence}) failed: {Errors}", job.Name, claim.Occurrence, message);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            (outcome, message) = (ScheduledJobOutcome.Interrupted, "The host stopped during the run; another runner takes it over.");
            _logger.LogWarning("Job {Job} ({Occurrence}) was interrupted by the host stopping", job.Name, claim.Occurrence);
        }
        catch (Exception ex)
        {
            (outcome, message) = (ScheduledJobOutcome.Failed, $"{ex.GetType().Name}: {ex.Message}");
            _logger.LogError(ex, "Job {Job} ({Occurrence}) failed", job.Name, claim.Occurrence);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        activity?.SetTag("modular.schedule.outcome", outcome.ToString());
        if (outcome != ScheduledJobOutcome.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, message);
        }

        Runs.Add(1, new KeyValuePair<string, object?>("job", job.Name), new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        RunDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("job", job.Name));
        await RecordAsync(job, claim, outcome, message, elapsed);
        if (outcome == ScheduledJobOutcome.Succeeded)
        {
            _logger.LogInformation("Job {Job} ({Occurrence}) succeeded in {Elapsed}: {Summary}", job.Name, claim.Occurrence, elapsed, message);
        }

        return new ScheduledJobRun(job.Name, claim.Occurrence, outcome, Duration.FromTimeSpan(elapsed), message);
    }

    /// <summary>Records the run on the job's row, if this runner still holds it.</summary>
    private async Task RecordAsync(ScheduledJobEntry job, Claim claim, ScheduledJobOutcome outcome, string? message, TimeSpan elapsed)
    {
        var now = _clock.GetCurrentInstant();
        var trimmed = message is { Length: > ScheduleStateConfiguration.MaxMessageLength } ? message[..ScheduleStateConfiguration.MaxMessageLength] : message;
        var milliseconds = (long)elapsed.TotalMilliseconds;
        var interrupted = outcome == ScheduledJobOutcome.Interrupted;

        // Failures count up, an interruption leaves the count as it was, a success resets it.
        var keep = outcome is ScheduledJobOutcome.Failed or ScheduledJobOutcome.Interrupted ? 1 : 0;
        var add = outcome == ScheduledJobOutcome.Failed ? 1 : 0;
        var next = job.Schedule.NextAfter(now);

        // An interrupted run keeps its owner with a lease ending now, so the next runner takes the occurrence over at once.
        string? owner = interrupted ? claim.Owner : null;
        Instant? leaseUntil = interrupted ? now : null;
        try
        {
            await using var scope = _root.BeginLifetimeScope();
            var db = scope.Resolve<CoreDbContext>();
            var updated = await db.Set<ScheduleState>().Where(s => s.Name == job.Name && s.LeaseOwner == claim.Owner)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.LeaseOwner, owner)
                    .SetProperty(s => s.LeaseUntil, leaseUntil)
                    .SetProperty(s => s.LastFinishedAt, now)
                    .SetProperty(s => s.LastOutcome, outcome)
                    .SetProperty(s => s.LastDurationMilliseconds, milliseconds)
                    .SetProperty(s => s.LastMessage, trimmed)
                    .SetProperty(s => s.NextOccurrence, next)
                    .SetProperty(s => s.ConsecutiveFailures, s => (s.ConsecutiveFailures * keep) + add),
                    CancellationToken.None);
            if (updated == 0)
            {
                _logger.LogWarning("Job {Job} ({Occurrence}) ended after its lease was taken over; its outcome ({Outcome}) is not recorded",
                    job.Name, claim.Occurrence, outcome);
            }
        }
        catch (Exception ex)
        {
            // The lease expires and another runner repeats the occurrence: jobs are idempotent.
            _logger.LogError(ex, "Recording the run of job {Job} ({Occurrence}) failed", job.Name, claim.Occurrence);
        }
    }

    /// <summary>Renews the lease every third of its length while the job runs, so a long run is not presumed dead.</summary>
    private async Task HeartbeatAsync(string job, string owner, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.Value.LeaseSeconds / 3.0));
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var leaseUntil = _clock.GetCurrentInstant() + Lease;
                await using var scope = _root.BeginLifetimeScope();
                var db = scope.Resolve<CoreDbContext>();
                var renewed = await db.Set<ScheduleState>().Where(s => s.Name == job && s.LeaseOwner == owner)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, leaseUntil), cancellationToken);
                if (renewed == 0)
                {
                    _logger.LogWarning("Job {Job}: the lease was taken over by another runner while this run goes on", job);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Renewing the lease of job {Job} failed", job);
        }
    }

    private sealed record Claim(string Owner, Instant Occurrence, Instant StartedAt);
}
