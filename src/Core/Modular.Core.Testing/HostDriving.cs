using Autofac;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Outbox;
using Modular.Core.Schedules;

namespace Modular.Core.Testing;

/// <summary>
/// Drives a host's background mechanisms by hand, for tests of any host (a generic host, a web application factory):
/// the outbox and the scheduled jobs. The mechanisms themselves are Core's internals.
/// </summary>
public static class HostDriving
{
    /// <summary>Dispatches and delivers pending outbox messages until none is left; answers how many were handled.</summary>
    public static async Task<int> DrainOutboxAsync(this ILifetimeScope container, CancellationToken cancellationToken = default)
    {
        var processor = container.Resolve<OutboxProcessor>();
        var total = 0;
        int handled;
        while ((handled = await processor.ProcessOnceAsync(cancellationToken)) > 0)
        {
            total += handled;
        }

        return total;
    }

    /// <inheritdoc cref="DrainOutboxAsync(ILifetimeScope, CancellationToken)"/>
    public static Task<int> DrainOutboxAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<ILifetimeScope>().DrainOutboxAsync(cancellationToken);

    /// <summary>
    /// Builds the pending "download my data" archives now, as a portal's builder would (each claimed with its lease, so a
    /// builder running in the host meanwhile is no problem); answers how many archives were stored.
    /// </summary>
    public static Task<int> BuildPersonalDataExportsAsync(this ILifetimeScope container, CancellationToken cancellationToken = default) =>
        container.Resolve<PersonalData.PersonalDataExportBuilder>().BuildPendingAsync(cancellationToken);

    /// <inheritdoc cref="BuildPersonalDataExportsAsync(ILifetimeScope, CancellationToken)"/>
    public static Task<int> BuildPersonalDataExportsAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<ILifetimeScope>().BuildPersonalDataExportsAsync(cancellationToken);

    /// <summary>Runs the scheduled jobs due at the host clock's time, as the host's runner would, and answers their runs.</summary>
    public static Task<IReadOnlyList<ScheduledJobRun>> RunDueJobsAsync(this ILifetimeScope container) =>
        container.Resolve<ScheduleRunner>().RunDueAsync();

    /// <inheritdoc cref="RunDueJobsAsync(ILifetimeScope)"/>
    public static Task<IReadOnlyList<ScheduledJobRun>> RunDueJobsAsync(this IServiceProvider services) =>
        services.GetRequiredService<ILifetimeScope>().RunDueJobsAsync();
}
