using System.ComponentModel.DataAnnotations;

namespace Modular.Core.Outbox;

/// <summary><c>Modular:Outbox</c>: how the dispatcher polls, leases and retries.</summary>
public sealed class OutboxOptions
{
    /// <summary>Run the dispatcher in this host (turn off in hosts that should leave delivery to the worker).</summary>
    public bool DispatchEnabled { get; set; } = true;

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How often to look for messages when no commit has signalled new ones.</summary>
    [Range(10, 600_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How long a claimed batch stays leased to one dispatcher before another may take it over.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Longest wait between retries of a failing message (the wait doubles from 1 s up to this).</summary>
    [Range(1, 86_400)]
    public int MaxRetryDelaySeconds { get; set; } = 900;
}
