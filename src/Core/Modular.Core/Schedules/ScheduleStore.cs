using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.Schedules;

/// <summary>
/// The statements on the jobs' rows in Core's store. Each write is one conditional update, so the row itself decides
/// which of several runners wins; nothing here holds a transaction or a lock.
/// </summary>
internal sealed class ScheduleStore(ILifetimeScope root)
{
    /// <summary>
    /// Writes a row for each job that has none (first seen <paramref name="now"/>: earlier occurrences are not owed); with
    /// <paramref name="updateDefinitions"/> also records each job's cron, switch and next due occurrence. Answers the rows.
    /// </summary>
    public async Task<Dictionary<string, ScheduleState>> RegisterAsync(IReadOnlyList<ScheduledJobEntry> jobs, Instant now, bool updateDefinitions,
        CancellationToken cancellationToken)
    {
        var names = jobs.Select(j => j.Name).ToList();
        await using var scope = root.BeginLifetimeScope();
        var db = scope.Resolve<CoreDbContext>();
        var states = await db.Set<ScheduleState>().AsNoTracking().Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        foreach (var job in jobs)
        {
            if (!states.TryGetValue(job.Name, out var state))
            {
                db.Add(new ScheduleState
                {
                    Name = job.Name,
                    Module = job.Definition.Module,
                    Cron = job.Schedule.Text,
                    Enabled = job.Enabled,
                    RegisteredAt = now,
                    NextOccurrence = job.Schedule.NextAfter(now),
                });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
                {
                    // Another instance registered it at the same moment; its row stands.
                }

                db.ChangeTracker.Clear();
            }
            else if (updateDefinitions)
            {
                // The occurrence a runner would claim now (a missed one), else the next one.
                var next = job.Schedule.LatestIn(state.LastOccurrence ?? state.RegisteredAt, now) ?? job.Schedule.NextAfter(now);
                await db.Set<ScheduleState>().Where(s => s.Name == job.Name).ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.Module, job.Definition.Module)
                    .SetProperty(s => s.Cron, job.Schedule.Text)
                    .SetProperty(s => s.Enabled, job.Enabled)
                    .SetProperty(s => s.NextOccurrence, next), cancellationToken);
            }
        }

        return await db.Set<ScheduleState>().AsNoTracking().Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
    }

    /// <summary>
    /// Takes <paramref name="occurrence"/> for <paramref name="owner"/> if the row is still as <paramref name="seen"/> and
    /// carries no live lease: of two runners racing for it, one updates the row and the other finds it changed.
    /// </summary>
    public async Task<bool> TryClaimAsync(ScheduleState seen, Instant occurrence, string owner, Instant now, Instant leaseUntil, Instant? next,
        CancellationToken cancellationToken)
    {
        var (name, seenOccurrence, seenOwner) = (seen.Name, seen.LastOccurrence, seen.LeaseOwner);
        await using var scope = root.BeginLifetimeScope();
        var db = scope.Resolve<CoreDbContext>();
        return await db.Set<ScheduleState>()
            .Where(s => s.Name == name && s.LastOccurrence == seenOccurrence && s.LeaseOwner == seenOwner
                && (s.LeaseUntil == null || s.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.LastOccurrence, occurrence)
                .SetProperty(s => s.LeaseOwner, owner)
                .SetProperty(s => s.LeaseUntil, leaseUntil)
                .SetProperty(s => s.LastStartedAt, now)
                .SetProperty(s => s.LastOutcome, ScheduledJobOutcome.Running)
                .SetProperty(s => s.NextOccurrence, next), cancellationToken) == 1;
    }

    /// <summary>Moves the lease on while the run goes on; false when another runner has taken the job over.</summary>
    public async Task<bool> RenewAsync(string job, string owner, Instant leaseUntil, CancellationToken cancellationToken)
    {
        await using var scope = root.BeginLifetimeScope();
        var db = scope.Resolve<CoreDbContext>();
        return await db.Set<ScheduleState>().Where(s => s.Name == job && s.LeaseOwner == owner)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, leaseUntil), cancellationToken) == 1;
    }

    /// <summary>
    /// Records how a run ended, if <paramref name="owner"/> still holds the job. An interrupted run keeps its owner with a
    /// lease ending now, so the next runner takes the occurrence over at once; any other outcome releases the job.
    /// </summary>
    public async Task<bool> RecordAsync(string job, string owner, ScheduledJobOutcome outcome, string? message, long milliseconds, Instant now,
        Instant? next)
    {
        var trimmed = message is { Length: > ScheduleStateConfiguration.MaxMessageLength } ? message[..ScheduleStateConfiguration.MaxMessageLength] : message;
        var interrupted = outcome == ScheduledJobOutcome.Interrupted;
        string? keptOwner = interrupted ? owner : null;
        Instant? leaseUntil = interrupted ? now : null;

        // Failures count up, an interruption leaves the count as it was, a success resets it.
        var keep = outcome is ScheduledJobOutcome.Failed or ScheduledJobOutcome.Interrupted ? 1 : 0;
        var add = outcome == ScheduledJobOutcome.Failed ? 1 : 0;
        await using var scope = root.BeginLifetimeScope();
        var db = scope.Resolve<CoreDbContext>();
        return await db.Set<ScheduleState>().Where(s => s.Name == job && s.LeaseOwner == owner)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.LeaseOwner, keptOwner)
                .SetProperty(s => s.LeaseUntil, leaseUntil)
                .SetProperty(s => s.LastFinishedAt, now)
                .SetProperty(s => s.LastOutcome, outcome)
                .SetProperty(s => s.LastDurationMilliseconds, milliseconds)
                .SetProperty(s => s.LastMessage, trimmed)
                .SetProperty(s => s.NextOccurrence, next)
                .SetProperty(s => s.ConsecutiveFailures, s => (s.ConsecutiveFailures * keep) + add),
                CancellationToken.None) == 1;
    }
}
