using Modular.Core.Composition;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks;

/// <summary>The self-service kiosks of the collection centres: device keys, status, their transactions and their days.</summary>
public sealed class KiosksModule : ModularModule
{
    public override string Name => "Kiosks";

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<KiosksOptions>();
        services.AddDbContext<KiosksDbContext>();
        services.AddStaffPermissions(typeof(KiosksPermissions));
        services.AddResources();
        services.AddDemoData<DemoData.KiosksDemoData>();
    }
}
