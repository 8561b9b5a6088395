using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>
/// The outbox as readiness sees it: Degraded while dead letters wait for staff or a due delivery has waited longer
/// than <see cref="OutboxOptions.LagWarningSeconds"/>, with the figures per consumer. Never Unhealthy: a dead letter
/// does not stop an instance from serving, and taking every instance out of rotation would not deliver it either.
/// </summary>
internal sealed class OutboxHealthCheck(OutboxRegistry registry, IClock clock, IOptions<OutboxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await registry.BacklogAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        OutboxMetrics.Observe(backlog, now);
        var warning = Duration.FromSeconds(options.Value.LagWarningSeconds);
        var data = new Dictionary<string, object>();
        var problems = new List<string>();
        foreach (var consumer in backlog)
        {
            var waited = consumer.OldestDue is { } due && due < now ? now - due : Duration.Zero;
            data[consumer.Consumer] = new { deadLetters = consumer.DeadLetters, oldestDueSeconds = (long)waited.TotalSeconds };
            if (consumer.DeadLetters > 0)
            {
                problems.Add($"{consumer.Consumer}: {consumer.DeadLetters} dead letter(s)");
            }

            if (waited > warning)
            {
                problems.Add($"{consumer.Consumer}: a delivery has waited {(long)waited.TotalSeconds} s");
            }
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy($"{backlog.Count} consumer(s), nothing dead or late", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }
}
