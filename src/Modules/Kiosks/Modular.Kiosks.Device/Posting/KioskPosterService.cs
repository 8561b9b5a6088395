using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Kiosks.Device.Journal;

namespace Modular.Kiosks.Device.Posting;

/// <summary>
/// Recovers the journal at start (entries a stopped kiosk left half-way), then repeats: refresh the kiosk's identity and
/// heartbeat, post the pending entries; every <c>PostIntervalSeconds</c> while all is well, backing off (doubling up to
/// <c>MaxRetrySeconds</c>) while the central database is unreachable or entries are refused.
/// </summary>
internal sealed class KioskPosterService(IKioskJournal journal, KioskDevice device, IKioskPoster poster, IOptions<KioskDeviceOptions> options,
    ILogger<KioskPosterService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PostInBackground)
        {
            return;
        }

        var recovered = await journal.RecoverAsync(stoppingToken);
        if (recovered > 0)
        {
            logger.LogWarning("{Count} journal entries with money taken were left half-way and are now pending", recovered);
        }

        var interval = TimeSpan.FromSeconds(options.Value.PostIntervalSeconds);
        var delay = interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var healthy = false;
            try
            {
                var reachable = await device.RefreshAsync(stoppingToken);
                var report = await poster.PostPendingAsync(stoppingToken);
                healthy = reachable && report.Problem is null;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The kiosk's poster failed; it tries again later");
            }

            delay = healthy ? interval : TimeSpan.FromSeconds(Math.Min(options.Value.MaxRetrySeconds, Math.Max(delay.TotalSeconds * 2, interval.TotalSeconds)));
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
