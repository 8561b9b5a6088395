using Modular.Web.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
app.UsePortal();
app.Run();

namespace Modular.Web
{
    /// <summary>A type of this host's assembly, for test factories (several hosts share the name Program).</summary>
    public sealed class HostMarker;
}
