using Modular.Accounts;
using Modular.Billing;
using Modular.Core.Composition;
using Modular.Core.Links;
using Modular.Hosting;
using Modular.Kiosks;
using Modular.Kiosks.Device;
using Modular.Payments;
using Modular.Readings;

var builder = WebApplication.CreateBuilder(args);
// The kiosk posts to the central database: the modules a payment needs, Kiosks, and what runs on the device.
builder.AddModular(modular => modular
    .AddAccounts().AddReadings().AddBilling().AddPayments()
    .AddKiosks().AddKioskDevice());
builder.AddModularDefaults(PublicSurface.Kiosk);

var app = builder.Build();
app.MapModularDefaults();
app.MapGet("/", () => Results.Text("Modular self-service kiosk"));
app.Run();

namespace Modular.Kiosk
{
    /// <summary>A type of this host's assembly, for test factories (several hosts share the name Program).</summary>
    public sealed class HostMarker;
}
