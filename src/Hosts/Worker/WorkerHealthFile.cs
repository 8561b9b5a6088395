using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Core.Composition;
using Modular.Core.Health;

namespace Modular.Worker;

internal static class WorkerHealthFile
{
    /// <summary>No HTTP here: the health report (storage, schedules) goes to a file that a process supervisor's probe reads.</summary>
    public static HostApplicationBuilder AddWorkerHealthFile(this HostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WorkerOptions>(builder.Configuration, "Modular:Worker");
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
