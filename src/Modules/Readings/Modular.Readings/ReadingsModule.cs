using Autofac;
using Modular.Core.Composition;
using Modular.Readings.Contracts;
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
        services.AddPersonalDataSection<PersonalData.ReadingsPersonalDataSection>();
        services.AddStaffPermissions(typeof(ReadingsPermissions));
        services.AddResources();
        services.AddDemoData<DemoData.ReadingsDemo>(after: "Accounts");
        services.AddScheduledJob<ReadingWindowJob>(ReadingWindowJob.Name, ReadingWindowJob.DefaultCron);
    }

    protected override void Register(ContainerBuilder builder) => builder.RegisterType<MeterWriter>().InstancePerDependency();
}
