using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Modular.Core.Health;
using NodaTime;

namespace Modular.Hosting.Health;

/// <summary>
/// Readiness evaluated at most once per <see cref="HealthOptions.CacheSeconds"/>: concurrent callers share the evaluation
/// in flight and then its report, so a probe storm (or a load balancer per instance) costs the database one round of
/// checks every few seconds, not one per request. A caller giving up does not cancel the evaluation others wait for.
/// </summary>
internal sealed class ReadinessCache(HealthCheckService checks, IClock clock, IOptionsMonitor<HealthOptions> options)
{
    private readonly Lock _lock = new();
    private Task<ReadinessReport>? _current;

    public Task<ReadinessReport> GetAsync(CancellationToken cancellationToken)
    {
        Task<ReadinessReport> current;
        lock (_lock)
        {
            if (_current is null || (_current.IsCompleted && Expired(_current)))
            {
                _current = Task.Run(EvaluateAsync, CancellationToken.None);
            }

            current = _current;
        }

        return current.WaitAsync(cancellationToken);
    }

    private bool Expired(Task<ReadinessReport> evaluation) =>
        !evaluation.IsCompletedSuccessfully
        || clock.GetCurrentInstant() - evaluation.Result.CheckedAt >= Duration.FromSeconds(options.CurrentValue.CacheSeconds);

    private async Task<ReadinessReport> EvaluateAsync()
    {
        var report = await checks.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Ready), CancellationToken.None);
        return new ReadinessReport(report, clock.GetCurrentInstant());
    }
}

/// <summary>A readiness report and when its evaluation finished.</summary>
internal sealed record ReadinessReport(HealthReport Report, Instant CheckedAt);
