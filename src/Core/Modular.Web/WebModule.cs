using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Modular.Web.Branding;
using Modular.Core.Composition;
using Modular.Web.Composition;
using Modular.Web.Platform;
using Modular.Web.Security;

namespace Modular.Web;

/// <summary>
/// The web shell as a module (<c>.AddWeb()</c>): the customer portal's layout, sign-in session, personal access tokens,
/// localization, security and API infrastructure, with its own storage (schema <c>web</c>: the shared key ring and the
/// tokens) and options (<c>Modular:Web</c>). Modules' UI packages (<c>.AddReadingsWeb()</c>, …) add pages and the rest
/// through <see cref="Hooks.WebContributions"/>; the host then calls <c>app.UseModularWeb()</c>.
/// </summary>
public sealed class WebModule : ModularModule
{
    public const string ModuleName = "Web";

    public override string Name => ModuleName;

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<WebOptions>();
        services.Services.AddSingleton<IValidateOptions<WebOptions>, BrandingValidator>();
        services.Services.AddSingleton<PortalBranding>();
        services.AddDbContext<WebDbContext>();
        services.AddResources();
        services.Services.AddScoped<AccessTokenService>();
        services.AddPersonalDataSection<PersonalData.AccessTokensSection>();
        services.AddUserDataEraser<PersonalData.AccessTokensEraser>();
        // The portal composes every section of "download my data" (the worker has no API tokens): it builds the archives.
        services.BuildPersonalDataArchives();
        PortalServices.Add(services);
    }
}

/// <summary>Adds the web shell to <c>AddModular</c>.</summary>
public static class WebModularBuilderExtensions
{
    /// <summary>Adds the web shell with the customer portal. Add modules' UI packages after it; call <c>app.UseModularWeb()</c> on the built app.</summary>
    public static ModularBuilder AddWeb(this ModularBuilder modular) => modular.AddModule(new WebModule());
}
