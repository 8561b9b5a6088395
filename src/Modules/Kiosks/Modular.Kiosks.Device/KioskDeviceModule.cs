using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using Modular.Core.Printing;
using Modular.Kiosks.Device.Journal;
using Modular.Kiosks.Device.Ports;
using Modular.Kiosks.Device.Posting;
using Modular.Kiosks.Device.Simulators;

namespace Modular.Kiosks.Device;

/// <summary>
/// The kiosk's own services in the kiosk host: its identity, journal, poster and devices (the simulators when
/// <c>Modular:Kiosk:Simulators</c> is true; an integrator registers its adapters of <see cref="ICardTerminal"/>,
/// <see cref="ICashAcceptor"/> and Core's <see cref="IReceiptPrinter"/> (its <see cref="FileReceiptPrinter"/> simulator by default) after this, and they win).
/// </summary>
public sealed class KioskDeviceModule : ModularModule
{
    public override string Name => "KioskDevice";

    public override IReadOnlyCollection<string> DependsOn => ["Kiosks", "Payments"];

    public override void ConfigureServices(ModuleServices services)
    {
        services.Services.AddOptions<KioskDeviceOptions>().Bind(services.Root.GetSection("Modular:Kiosk")).ValidateDataAnnotations();
        services.Services.AddSingleton<SqliteKioskJournal>();
        services.Services.TryAddSingleton<IKioskJournal>(sp => sp.GetRequiredService<SqliteKioskJournal>());
        services.Services.AddSingleton<KioskDevice>();
        services.Services.TryAddSingleton<IKioskPoster, KioskJournalPoster>();
        services.Services.AddHostedService<KioskPosterService>();
        services.Services.AddSingleton<SimulatedCardTerminal>();
        services.Services.AddSingleton<SimulatedCashAcceptor>();
        services.Services.TryAddSingleton<ICardTerminal>(sp => sp.GetRequiredService<IOptions<KioskDeviceOptions>>().Value.Simulators
            ? sp.GetRequiredService<SimulatedCardTerminal>()
            : throw new InvalidOperationException("No card terminal: register an ICardTerminal adapter or set Modular:Kiosk:Simulators to true."));
        services.Services.TryAddSingleton<ICashAcceptor>(sp => sp.GetRequiredService<IOptions<KioskDeviceOptions>>().Value.Simulators
            ? sp.GetRequiredService<SimulatedCashAcceptor>()
            : throw new InvalidOperationException("No cash acceptor: register an ICashAcceptor adapter or set Modular:Kiosk:Simulators to true."));
    }
}

public static class KioskDeviceModularBuilderExtensions
{
    /// <summary>Adds what runs on the kiosk (needs <c>.AddPayments()</c> and <c>.AddKiosks()</c>); options come from <c>Modular:Kiosk</c>.</summary>
    public static ModularBuilder AddKioskDevice(this ModularBuilder builder) => builder.AddModule(new KioskDeviceModule());
}
