using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Modular.Core.Outbox;

/// <summary>
/// Registers the host's stores and consumers at start (after migrations), whether or not this host dispatches: a
/// consumer composed only in a host that leaves delivery to another still gets its events.
/// </summary>
internal sealed class OutboxRegistration(OutboxProcessor processor, ILogger<OutboxRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await processor.EnsureRegisteredAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The dispatcher (or the next pass anywhere in this host) tries again.
            logger.LogError(ex, "Outbox: registering this host's consumers failed; retried on the next pass");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The background loop: after each commit that wrote outbox rows it dispatches the signalled store(s) and delivers
/// what this host's consumers have due; it polls every store on an interval (other instances' commits, retries) and
/// sweeps done messages to the archive.
/// </summary>
internal sealed class OutboxDispatcher(
    OutboxProcessor processor,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatchEnabled)
        {
            return;
        }

        // The first loop also sweeps; the others only dispatch and deliver.
        await Task.WhenAll(Enumerable.Range(0, options.Value.Dispatchers).Select(loop => Task.Run(() => LoopAsync(loop == 0, stoppingToken), CancellationToken.None)));
    }

    private async Task LoopAsync(bool sweeps, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        var sweepEvery = TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds);
        var lastSweep = Stopwatch.GetTimestamp();
        IReadOnlyCollection<string>? stores = null; // null: every known store
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (sweeps && Stopwatch.GetElapsedTime(lastSweep) >= sweepEvery)
                {
                    lastSweep = Stopwatch.GetTimestamp();
                    await processor.SweepAsync(stoppingToken);
                }

                var pass = await processor.ProcessAsync(stores, stoppingToken);
                if (pass.Handled > 0)
                {
                    stores = pass.MoreToDispatch.Union(signal.TakeStores()).ToList();
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox dispatcher failed; it retries after {Poll}", poll);
            }

            try
            {
                stores = await signal.WaitAsync(poll, stoppingToken) ? signal.TakeStores() : null;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
