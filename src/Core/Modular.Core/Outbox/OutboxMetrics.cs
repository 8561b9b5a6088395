using System.Diagnostics.Metrics;
using Modular.Core.Diagnostics;

namespace Modular.Core.Outbox;

/// <summary>The outbox's instruments on <see cref="ModularDiagnostics.Meter"/>; consumer and store are tags.</summary>
internal static class OutboxMetrics
{
    public static readonly Counter<long> Dispatched = ModularDiagnostics.Meter.CreateCounter<long>(
        "modular.outbox.dispatched", "{message}", "Outbox messages handed to their consumers' deliveries.");

    public static readonly Counter<long> Delivered = ModularDiagnostics.Meter.CreateCounter<long>(
        "modular.outbox.delivered", "{delivery}", "Events delivered to a consumer.");

    public static readonly Counter<long> Failed = ModularDiagnostics.Meter.CreateCounter<long>(
        "modular.outbox.failed", "{delivery}", "Deliveries that failed and will be retried.");

    public static readonly Counter<long> DeadLettered = ModularDiagnostics.Meter.CreateCounter<long>(
        "modular.outbox.dead_lettered", "{delivery}", "Deliveries that failed their last allowed attempt.");

    public static readonly Histogram<double> Lag = ModularDiagnostics.Meter.CreateHistogram<double>(
        "modular.outbox.lag", "s", "Time from an event's occurrence to its delivery to a consumer.");

    public static readonly Histogram<double> BatchDuration = ModularDiagnostics.Meter.CreateHistogram<double>(
        "modular.outbox.batch.duration", "s", "Time one consumer took for one batch.");

    private static IReadOnlyList<ConsumerBacklog> _backlog = [];
    private static NodaTime.Instant _measuredAt;

    static OutboxMetrics()
    {
        ModularDiagnostics.Meter.CreateObservableGauge("modular.outbox.dead_letters",
            () => _backlog.Select(b => new Measurement<long>(b.DeadLetters, new KeyValuePair<string, object?>("consumer", b.Consumer))),
            "{delivery}", "Dead letters per consumer, as of the last sweep.");
        ModularDiagnostics.Meter.CreateObservableGauge("modular.outbox.oldest_due_age",
            () => _backlog.Where(b => b.OldestDue is not null).Select(b => new Measurement<double>(
                Math.Max(0, (_measuredAt - b.OldestDue!.Value).TotalSeconds), new KeyValuePair<string, object?>("consumer", b.Consumer))),
            "s", "Age of each consumer's oldest due delivery, as of the last sweep.");
    }

    /// <summary>Publishes what a sweep measured for the gauges (the gauges never query the database themselves).</summary>
    public static void Observe(IReadOnlyList<ConsumerBacklog> backlog, NodaTime.Instant measuredAt)
    {
        _measuredAt = measuredAt;
        _backlog = backlog;
    }

    public static KeyValuePair<string, object?> Consumer(string consumer) => new("consumer", consumer);

    public static KeyValuePair<string, object?> Store(string store) => new("store", store);
}
