using System.ComponentModel.DataAnnotations;

namespace Modular.Worker.Jobs;

/// <summary><c>Modular:Worker</c>: the utility's back-office schedule.</summary>
public sealed class WorkerOptions
{
    [Required]
    public string HealthFile { get; set; } = "worker-health.json";

    /// <summary>From this day of the month the previous month is billed (runs are idempotent, so later days only resume).</summary>
    [Range(1, 28)]
    public int BillingDay { get; set; } = 1;

    [Range(1, 1440)]
    public int BillingIntervalMinutes { get; set; } = 60;

    [Range(1, 1440)]
    public int ReconcileIntervalMinutes { get; set; } = 5;

    /// <summary>Partner files go in <c>{ImportFolder}/partners/{Partner}/*.csv</c>, bank statements in <c>{ImportFolder}/bank/*.xml</c>.</summary>
    [Required]
    public string ImportFolder { get; set; } = "imports";

    /// <summary>Partner payments must show in the portal within 3 days; the default checks every 15 minutes.</summary>
    [Range(1, 1440)]
    public int ImportIntervalMinutes { get; set; } = 15;
}
