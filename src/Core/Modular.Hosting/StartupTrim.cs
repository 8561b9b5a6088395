using Microsoft.Extensions.Hosting;

namespace Modular.Hosting;

/// <summary>
/// Once the host has started, collects what start-up left behind (configuration, container and EF model building,
/// view compilation) and gives the memory back to the system, so an idle host does not keep its start-up peak.
/// One blocking collection, on a thread-pool thread, right after start.
/// </summary>
internal sealed class StartupTrim(IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => ThreadPool.QueueUserWorkItem(static _ =>
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
