using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Modular.Core.Demo;

/// <summary><c>Modular:Demo</c>: whether the host loads the modules' demo data into an empty database.</summary>
public sealed class DemoOptions
{
    /// <summary>Off by default; the shipped web host's Development settings turn it on. Refused in Production.</summary>
    public bool Enabled { get; set; }

    /// <summary>Seed of the generated data: the same seed gives the same customers, meters and readings.</summary>
    public int Seed { get; set; } = 1;
}

/// <summary>Demo data has a published login and invented customers: a Production host refuses to start with it.</summary>
internal sealed class DemoOptionsValidator(IHostEnvironment environment) : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options) =>
        options.Enabled && environment.IsProduction()
            ? ValidateOptionsResult.Fail(
                "Modular:Demo:Enabled: demo data (invented customers and a login with a published password) is never loaded in Production. " +
                "Remove the setting (or .UseDemoData()) from this host, or run it in another environment (DOTNET_ENVIRONMENT / ASPNETCORE_ENVIRONMENT=Development).")
            : ValidateOptionsResult.Success;
}
