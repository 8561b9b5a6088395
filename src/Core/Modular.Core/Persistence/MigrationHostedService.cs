using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Modular.Core.Persistence;

/// <summary>Migrates before the host's other services start (unless the host already did, or it is switched off).</summary>
internal sealed class MigrationHostedService(ModularMigrator migrator, IOptions<StorageOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStartup ? migrator.EnsureMigratedAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
