using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Email;
using Modular.Core.Links;
using Modular.Core.Persistence;

namespace Modular.Core.Composition;

/// <summary>Says at start where this host keeps its data, so hosts started side by side can be seen to share it.</summary>
internal sealed class StartReport(DataFolder data, IOptions<StorageOptions> storage, IOptions<EmailOptions> email,
    IOptions<LinksOptions> links, IEnumerable<LinkRoute> routes, IHostEnvironment environment, ILogger<StartReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var store = storage.Value;
        var database = store.Provider == StorageProvider.Sqlite
            ? "SQLite " + new SqliteConnectionStringBuilder(store.ConnectionString).DataSource
            : "PostgreSQL " + Describe(store.ConnectionString);
        logger.LogInformation("Data folder {DataFolder} ({Origin}); database: {Database}; mail: {Mail}", data.Path, data.Origin, database,
            email.Value.Delivery == EmailDelivery.Pickup ? "pickup folder " + email.Value.PickupDirectory : "SMTP " + email.Value.Smtp.Host);

        if (!environment.IsDevelopment())
        {
            foreach (var surface in routes.Select(r => r.Surface).Distinct().Where(s => string.IsNullOrEmpty(links.Value.Of(s))))
            {
                logger.LogWarning("Modular:Links:{Surface} is not set: links in emails use the address the host listens on, " +
                    "which may not be the one customers reach; set it to the public address", surface);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Describe(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
