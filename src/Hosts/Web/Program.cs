using Modular.Core.Composition;

var builder = WebApplication.CreateBuilder(args);

builder.AddModular(modular => { });

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapGet("/", () => Results.Text("Modular customer portal"));
app.Run();

namespace Modular.Web
{
    /// <summary>A type of this host's assembly, for test factories (several hosts share the name Program).</summary>
    public sealed class HostMarker;
}
