using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Autofac;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Diagnostics;
using NodaTime;

namespace Modular.Core.Schedules;

/// <summary>
/// Runs the jobs whose occurrence is due, each once across every instance on the database. A job's row in Core's store
/// names the occurrence last claimed and the lease of the runner working on it; a runner claims the latest due
/// occurrence with one conditional update (the row must still be as it read it, and no live lease on it), so two
/// runners racing run it once, missed occurrences collapse into one run, and a crashed runner's occurrence is taken
/// over when its lease ends. The host's background loop calls it; tests call <see cref="RunDueAsync"/> with a fake clock.
/// </summary>
internal sealed class ScheduleRunner
{
    private static readonly Counter<long> Runs = ModularDiagnostics.Meter.CreateCounter<long>(
        "modular.schedule.runs", description: "Scheduled job runs by job and outcome");

    private static readonly Histogram<double> RunDuration = ModularDiagnostics.Meter.CreateHistogram<double>(
        "modular.schedule.run.duration", unit: "s", description: "Duration of scheduled job runs");

    private readonly ILifetimeScope _root;
    private readonly ScheduleStore _store;
    private readonly ScheduleCatalog _catalog;
    private readonly IClock _clock;
    private readonly IOptions<ScheduleOptions> _options;
    private readonly ILogger<ScheduleRunner> _logger;
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}";
    private readonly ConcurrentDictionary<string, Task<ScheduledJobRun>> _running = new();

    internal ScheduleRunner(ILifetimeScope root, ScheduleCatalog catalog, IClock clock, IOptions<ScheduleOptions> options, ILogger<ScheduleRunner> logger)
    {
        _root = root;
        _store = new ScheduleStore(root);
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
        if (_catalog.Jobs.Count == 0)
        {
            return [];
        }

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

    /// <summary>Registers the declared jobs (see <see cref="ScheduleStore.RegisterAsync"/>) and answers their rows.</summary>
    internal async Task<Dictionary<string, ScheduleState>> RegisterAsync(bool updateDefinitions, CancellationToken cancellationToken) =>
        _catalog.Jobs.Count == 0
            ? []
            : await _store.RegisterAsync(_catalog.Jobs, _clock.GetCurrentInstant(), updateDefinitions, cancellationToken);

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
        if (!await _store.TryClaimAsync(state, claimed, owner, now, now + Lease, job.Schedule.NextAfter(now), cancellationToken))
        {
            return null;
        }

        if (state.LeaseOwner is not null && state.LastOccurrence == claimed)
        {
            _logger.LogWarning("Job {Job}: taking over the run of {Occurrence} that {Owner} left unfinished", job.Name, claimed, state.LeaseOwner);
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
        try
        {
            if (!await _store.RecordAsync(job.Name, claim.Owner, outcome, message, (long)elapsed.TotalMilliseconds, now, job.Schedule.NextAfter(now)))
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
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.Value.LeaseSeconds / 3.0));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (!await _store.RenewAsync(job, owner, _clock.GetCurrentInstant() + Lease, cancellationToken))
                    {
                        _logger.LogWarning("Job {Job}: the lease was taken over by another runner while this run goes on", job);
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick tries again, well before the lease ends.
                    _logger.LogError(ex, "Renewing the lease of job {Job} failed", job);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private sealed record Claim(string Owner, Instant Occurrence, Instant StartedAt);
}
