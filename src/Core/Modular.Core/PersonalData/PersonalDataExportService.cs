using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Persistence;
using Modular.Core.Platform;
using Modular.Core.Results;
using Modular.Core.Schedules;
using NodaTime;

namespace Modular.Core.PersonalData;

/// <summary>Wakes this process's builder when a request was recorded here (other instances find it when they next look).</summary>
internal sealed class PersonalDataSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_semaphore.CurrentCount == 0)
            {
                _semaphore.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Builds pending archives in hosts with <see cref="PersonalDataOptions.BuildArchives"/> (the portal). The builder is
/// resolved when the service runs, after the options were validated: hosted services are created before that, and
/// the builder's clock needs a valid time zone.
/// </summary>
internal sealed class PersonalDataExportService(Lazy<PersonalDataExportBuilder> builder, PersonalDataSignal signal, IOptions<PersonalDataOptions> options,
    ModularMigrator migrator, IOptions<StorageOptions> storage, ILogger<PersonalDataExportService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BuildArchives)
        {
            return;
        }

        // This service may start before the migration's; its first look must find the tables.
        if (storage.Value.MigrateOnStartup)
        {
            await migrator.EnsureMigratedAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await builder.Value.BuildPendingAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Building personal data exports failed; trying again later");
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Deletes archives past their <see cref="PersonalDataOptions.ArchiveDays"/>.</summary>
internal sealed class PersonalDataExpiryJob(CoreDbContext db, IClock clock) : IScheduledJob
{
    public const string Name = "PersonalDataExpiry";

    public const string DefaultCron = "5 * * * *";

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var deleted = await db.Set<PersonalDataExport>()
            .Where(e => e.Status == PersonalDataExportStatus.Ready && e.ExpiresAt <= now)
            .ExecuteDeleteAsync(cancellationToken);
        return $"{deleted} expired personal data archives deleted";
    }
}

/// <summary>Core's eraser: a closing user's archives, pending or ready (a builder still working on one then discards it).</summary>
internal sealed class PersonalDataExportEraser(CoreDbContext db) : IUserDataEraser
{
    public async Task<string> EraseUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        // Deleted through the change tracker, so the delete joins the closing command's transaction like any save.
        var ids = await db.Set<PersonalDataExport>().AsNoTracking().Where(e => e.UserId == userId).Select(e => e.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            db.Remove(new PersonalDataExport { Id = id });
        }

        await db.SaveChangesAsync(cancellationToken);
        return $"{ids.Count} archives deleted";
    }
}
