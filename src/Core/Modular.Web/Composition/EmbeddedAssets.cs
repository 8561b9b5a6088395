using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace Modular.Web.Composition;

/// <summary>
/// Serves the files a web package embeds under <c>assets/</c> (e.g. <c>/css/site.css</c>) in every environment: Razor
/// class library static web assets are only mapped in Development or after publish, and a host built from packages runs
/// as neither. The host's own <c>wwwroot</c> comes first, so a file there replaces the embedded one.
/// </summary>
internal static class EmbeddedAssets
{
    public static IFileProvider For(Assembly assembly) => new EmbeddedFileProvider(assembly, assembly.GetName().Name + ".assets");

    public static void AddTo(IWebHostEnvironment environment, IEnumerable<Assembly> assemblies)
    {
        var providers = new List<IFileProvider> { environment.WebRootFileProvider };
        providers.AddRange(assemblies.Distinct().Select(For));
        environment.WebRootFileProvider = new CompositeFileProvider(providers);
    }
}
