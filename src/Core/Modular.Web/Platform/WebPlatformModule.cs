using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Composition;
using Modular.Web.Security;

namespace Modular.Web.Platform;

/// <summary>The host's own storage and services: data protection keys, personal access tokens, host texts.</summary>
internal sealed class WebPlatformModule : ModularModule
{
    public override string Name => "Web";

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<WebOptions>();
        services.AddDbContext<WebDbContext>();
        services.AddResources();
        services.Services.AddScoped<AccessTokenService>();
    }
}
