using Modular.Accounts;
using Modular.Billing;
using Modular.Core.Composition;
using Modular.Core.Links;
using Modular.Hosting;
using Modular.Kiosks;
using Modular.Kiosks.Device;
using Modular.Kiosks.Web.Kiosk;
using Modular.Payments;
using Modular.Readings;
using Modular.Web;

var builder = WebApplication.CreateBuilder(args);
// The kiosk posts to the central database: the modules a payment needs, Kiosks, and what runs on the device.
builder.AddModular(modular => modular
    .AddAccounts().AddReadings().AddBilling().AddPayments()
    .AddKiosks().AddKioskDevice()
    .AddWeb().AddKioskScreens());
builder.AddModularDefaults(PublicSurface.Kiosk);

var app = builder.Build();
app.UseModularWeb();
app.MapModularDefaults();
app.Run();

namespace Modular.Kiosk
{
    /// <summary>A type of this host's assembly, for test factories (several hosts share the name Program).</summary>
    public sealed class HostMarker;
}
