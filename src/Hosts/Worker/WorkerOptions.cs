using System.ComponentModel.DataAnnotations;

namespace Modular.Worker;

/// <summary><c>Modular:Worker</c>: what is the worker's own. Its jobs belong to the modules (<c>Modular:Schedules</c>).</summary>
public sealed class WorkerOptions
{
    /// <summary>The health report a process supervisor's probe reads (JSON, refreshed every 15 s); the worker has no HTTP.</summary>
    [Required]
    public string HealthFile { get; set; } = "worker-health.json";
}
