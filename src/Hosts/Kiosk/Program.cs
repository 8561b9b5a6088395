using Modular.Core.Composition;
using Modular.Core.Links;
using Modular.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddModular(modular => { });
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
