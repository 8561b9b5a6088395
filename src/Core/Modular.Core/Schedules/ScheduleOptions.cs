using System.ComponentModel.DataAnnotations;

namespace Modular.Core.Schedules;

/// <summary>
/// <c>Modular:Schedules</c>: whether this host runs due jobs, and the lease that keeps each occurrence on one instance.
/// Each job has its own section beside these keys, <c>Modular:Schedules:{Job}:Cron</c> and <c>:Enabled</c>.
/// </summary>
public sealed class ScheduleOptions
{
    /// <summary>Keys of this section that are not jobs; no job may take one of these names.</summary>
    internal static readonly string[] ReservedNames = [nameof(RunJobs), nameof(LeaseSeconds), nameof(PollSeconds), nameof(OverdueMinutes)];

    /// <summary>
    /// Run due jobs in this host. Defaults to what the host's code chose (<c>RunSchedules()</c>: the worker does); every
    /// host registers its jobs and reports them either way.
    /// </summary>
    public bool RunJobs { get; set; }

    /// <summary>How long a runner holds a job before another may presume it dead; a running job renews it every third of this.</summary>
    [Range(10, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>The longest a runner waits before looking again (it also wakes at each job's next occurrence).</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 30;

    /// <summary>An occurrence not started this long after it was due makes the job overdue (health: degraded).</summary>
    [Range(1, 10_080)]
    public int OverdueMinutes { get; set; } = 15;
}
