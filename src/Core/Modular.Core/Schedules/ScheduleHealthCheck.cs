using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime.Text;

namespace Modular.Core.Schedules;

/// <summary>
/// The host's jobs with their last and next run (one data entry per job). Degraded when a job's last run failed or an
/// occurrence is overdue (e.g. no host runs schedules); never unhealthy, since a failing job does not make the host
/// unable to serve.
/// </summary>
internal sealed class ScheduleHealthCheck(ScheduleCatalog catalog, ScheduleStatuses statuses) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (catalog.Jobs.Count == 0)
        {
            return HealthCheckResult.Healthy("No scheduled jobs in this host");
        }

        var jobs = await statuses.ReadAsync(catalog.Jobs.Select(j => j.Name).ToList(), cancellationToken);
        var data = jobs.ToDictionary(j => j.Name, object (j) => new Dictionary<string, object?>
        {
            ["cron"] = j.Cron,
            ["enabled"] = j.Enabled,
            ["lastRun"] = j.LastStartedAt is { } started ? InstantPattern.General.Format(started) : null,
            ["outcome"] = j.LastOutcome?.ToString(),
            ["durationMs"] = j.LastDuration?.TotalMilliseconds,
            ["nextRun"] = j.NextRunAt is { } next ? InstantPattern.General.Format(next) : null,
            ["message"] = j.LastMessage,
            ["overdue"] = j.Overdue,
        });
        var failed = jobs.Where(j => j.Enabled && j.LastOutcome == ScheduledJobOutcome.Failed).Select(j => j.Name).ToList();
        var overdue = jobs.Where(j => j.Overdue).Select(j => j.Name).ToList();
        if (failed.Count == 0 && overdue.Count == 0)
        {
            return HealthCheckResult.Healthy($"{jobs.Count} scheduled job(s) on time", data);
        }

        var problems = new List<string>();
        if (failed.Count > 0)
        {
            problems.Add("last run failed: " + string.Join(", ", failed));
        }

        if (overdue.Count > 0)
        {
            problems.Add("overdue: " + string.Join(", ", overdue));
        }

        return HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }
}
