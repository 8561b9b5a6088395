using Modular.Core.Composition;

var builder = WebApplication.CreateBuilder(args);

builder.AddModular(modular => { });

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapGet("/", () => Results.Text("Modular self-service kiosk"));
app.Run();

/// <summary>Entry point, visible to the host tests.</summary>
public partial class Program;
