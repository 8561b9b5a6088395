using System.ComponentModel.DataAnnotations;

namespace Modular.Core.Outbox;

/// <summary><c>Modular:Outbox</c>: how the dispatcher polls, batches, leases, retries, gives up and cleans up.</summary>
public sealed class OutboxOptions
{
    /// <summary>Run the dispatcher in this host (turn off in hosts that should leave delivery to the worker).</summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>
    /// Dispatch loops this host runs side by side. On PostgreSQL each claims its own batches (<c>FOR UPDATE SKIP LOCKED</c>),
    /// so a second loop keeps the server busy while the first waits on its round trips; on SQLite writes take turns, so one
    /// is enough. Every loop delivers exactly once per consumer, as several instances do.
    /// </summary>
    [Range(1, 16)]
    public int Dispatchers { get; set; } = 1;

    /// <summary>Most deliveries one consumer takes in one pass (and messages dispatched per store per pass).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How often to look for messages when no commit has signalled new ones.</summary>
    [Range(10, 600_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How long a claimed batch stays leased to one dispatcher before another may take it over.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Longest wait between retries of a failing delivery (the wait doubles from 1 s up to this).</summary>
    [Range(1, 86_400)]
    public int MaxRetryDelaySeconds { get; set; } = 900;

    /// <summary>
    /// Attempts after which a failing delivery becomes a dead letter: kept, reported by the <c>outbox</c> health check,
    /// and retried or dropped only by staff. The default, with the default delays, gives up after about three hours.
    /// </summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>
    /// Hours a message stays in its outbox after every delivery is done, before it moves to the archive. A consumer
    /// registered for the first time receives the messages of its types still in the outbox.
    /// </summary>
    [Range(0, 24 * 366)]
    public int RetentionHours { get; set; } = 168;

    /// <summary>Days an archived message is kept; 0 keeps the archive forever.</summary>
    [Range(0, 3650)]
    public int ArchiveDays { get; set; } = 90;

    /// <summary>How often a dispatcher moves done messages to the archive and refreshes the registry's view.</summary>
    [Range(1, 86_400)]
    public int SweepIntervalSeconds { get; set; } = 60;

    /// <summary>The <c>outbox</c> health check reports Degraded when a due delivery has waited longer than this.</summary>
    [Range(1, 86_400)]
    public int LagWarningSeconds { get; set; } = 300;
}
