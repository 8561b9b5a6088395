using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Health;

var builder = Host.CreateApplicationBuilder(args);

builder.AddModular(modular => { });

// The worker acts for the utility, not for a portal user.
builder.Services.AddScoped<ICurrentUser>(_ => SystemUser.Instance);

// No HTTP here: the health report goes to a file that a process supervisor's probe reads.
var healthFile = builder.Configuration["Modular:Worker:HealthFile"] ?? "worker-health.json";
builder.Services.AddSingleton<IHealthCheckPublisher>(new FileHealthPublisher(healthFile));
builder.Services.Configure<HealthCheckPublisherOptions>(o =>
{
    o.Delay = TimeSpan.FromSeconds(1);
    o.Period = TimeSpan.FromSeconds(15);
});

builder.Build().Run();
