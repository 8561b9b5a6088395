using Autofac;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Composition;
using Modular.Readings.Persistence;
using Modular.Readings.Submissions;
using Modular.Readings.Window;

namespace Modular.Readings;

/// <summary>Meters, the self-reading window, readings and consumption.</summary>
public sealed class ReadingsModule : ModularModule
{
    public override string Name => "Readings";

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<ReadingsOptions>();
        services.AddDbContext<ReadingsDbContext>();
        services.AddResources();
        services.Services.AddHostedService<ReadingWindowJob>();
        services.AddDemoData<DemoData.ReadingsDemo>(after: "Accounts");
    }

    protected override void Register(ContainerBuilder builder) => builder.RegisterType<MeterWriter>().InstancePerDependency();
}
