using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.Schedules;

/// <summary>Reads the jobs' rows as <see cref="ScheduledJobStatus"/>: for the health check and the staff query.</summary>
internal sealed class ScheduleStatuses(ILifetimeScope root, IClock clock, IOptions<ScheduleOptions> options)
{
    /// <summary>The statuses of the named jobs, or of every job in the store when <paramref name="names"/> is null.</summary>
    public async Task<IReadOnlyList<ScheduledJobStatus>> ReadAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken)
    {
        await using var scope = root.BeginLifetimeScope();
        var db = scope.Resolve<CoreDbContext>();
        var query = db.Set<ScheduleState>().AsNoTracking();
        if (names is not null)
        {
            query = query.Where(s => names.Contains(s.Name));
        }

        var states = await query.ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        return states.OrderBy(s => s.Module, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => ToStatus(s, now)).ToList();
    }

    private ScheduledJobStatus ToStatus(ScheduleState state, Instant now)
    {
        var running = state.LeaseOwner is not null && state.LeaseUntil >= now;
        var grace = Duration.FromMinutes(options.Value.OverdueMinutes);
        var overdue = state.Enabled && !running && state.NextOccurrence is { } next && next + grace < now;
        return new ScheduledJobStatus(
            state.Name,
            state.Module,
            state.Cron,
            state.Enabled,
            state.NextOccurrence,
            state.LastOccurrence,
            state.LastStartedAt,
            state.LastFinishedAt,
            state.LastOutcome,
            state.LastDurationMilliseconds is { } ms ? Duration.FromMilliseconds(ms) : null,
            state.LastMessage,
            state.ConsecutiveFailures,
            running ? state.LeaseOwner : null,
            overdue);
    }
}
