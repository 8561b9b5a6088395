using Autofac;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Core.Persistence;

namespace Modular.Core.Health;

/// <summary>Healthy when every module's database answers.</summary>
internal sealed class StorageHealthCheck(ILifetimeScope root, IEnumerable<ModuleStore> stores) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = new List<string>();
        foreach (var store in stores)
        {
            await using var scope = root.BeginLifetimeScope();
            if (!await scope.ResolveContext(store).Database.CanConnectAsync(cancellationToken))
            {
                failed.Add(store.Module);
            }
        }

        return failed.Count == 0
            ? HealthCheckResult.Healthy($"{stores.Count()} module store(s) reachable")
            : HealthCheckResult.Unhealthy("Cannot reach the database of: " + string.Join(", ", failed));
    }
}
