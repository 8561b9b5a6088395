using Modular.Core.Links;
using Modular.Hosting;
using Modular.Web.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();
builder.AddModularDefaults(PublicSurface.Portal);

var app = builder.Build();
app.UsePortal();
app.MapModularDefaults();
app.Run();

namespace Modular.Web
{
    /// <summary>A type of this host's assembly, for test factories (several hosts share the name Program).</summary>
    public sealed class HostMarker;
}
