using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Health;

namespace Modular.Worker.Jobs;

internal static class WorkerJobsRegistration
{
    /// <summary>The worker's schedule, its system identity and its file health report.</summary>
    public static HostApplicationBuilder AddWorkerJobs(this HostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WorkerOptions>(builder.Configuration, "Modular:Worker");

        // The worker acts for the utility, not for a portal user.
        builder.Services.AddScoped<ICurrentUser>(_ => SystemUser.Instance);
        builder.Services.AddHostedService<BillingJob>();
        builder.Services.AddHostedService<ReconciliationJob>();
        builder.Services.AddHostedService<ImportFolderJob>();

        // No HTTP here: the health report goes to a file that a process supervisor's probe reads.
        var healthFile = builder.Configuration["Modular:Worker:HealthFile"] ?? new WorkerOptions().HealthFile;
        builder.Services.AddSingleton<IHealthCheckPublisher>(new FileHealthPublisher(healthFile));
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(1);
            o.Period = TimeSpan.FromSeconds(15);
        });
        return builder;
    }
}
