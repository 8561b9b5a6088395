using Modular.Core.Composition;

namespace Modular.Web.Hooks;

/// <summary>
/// The module class of a module's UI package (e.g. <c>ReadingsWebModule</c>, added with <c>.AddReadingsWeb()</c>): it
/// needs the shell (<c>.AddWeb()</c>) and the module it shows, serves its own assembly's pages, view components, texts
/// and assets, and declares the rest in <see cref="ConfigureWeb"/>. Pages talk to modules through their Contracts only.
/// </summary>
public abstract class ModularWebModule : ModularModule
{
    /// <summary>The module whose UI this is, e.g. <c>Readings</c>.</summary>
    protected abstract string ModuleName { get; }

    /// <summary><c>{ModuleName}Web</c>.</summary>
    public override string Name => ModuleName + "Web";

    public override IReadOnlyCollection<string> DependsOn => [WebModule.ModuleName, ModuleName];

    public override void ConfigureServices(ModuleServices services)
    {
        var web = new WebContributions(Name, services.Services).AddPackage(GetType().Assembly);
        ConfigureWeb(web);
    }

    /// <summary>Menu entries, dashboard cards, slots, endpoints, API and token scopes of this UI.</summary>
    protected abstract void ConfigureWeb(WebContributions web);
}
