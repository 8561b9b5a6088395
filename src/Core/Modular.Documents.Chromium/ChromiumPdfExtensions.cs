using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Modular.Core.Composition;
using Modular.Core.Documents;

namespace Modular.Documents.Chromium;

public static class ChromiumPdfExtensions
{
    public const string SectionName = "Modular:Documents:Chromium";

    /// <summary>Registers the Chromium PDF renderer as the host's <see cref="IPdfRenderer"/>, options from <c>Modular:Documents:Chromium</c>.</summary>
    public static IServiceCollection AddChromiumPdf(this IServiceCollection services, IConfiguration configuration,
        Action<ChromiumPdfOptions>? configure = null)
    {
        var options = services.AddValidatedOptions<ChromiumPdfOptions>(configuration, SectionName);
        if (configure is not null)
        {
            options.PostConfigure(configure);
        }

        services.TryAddSingleton<ChromiumPdfRenderer>();
        services.RemoveAll<IPdfRenderer>();
        services.AddSingleton<IPdfRenderer>(sp => sp.GetRequiredService<ChromiumPdfRenderer>());
        return services;
    }

    /// <summary>Prints documents with the system's headless Chromium (see <see cref="ChromiumPdfOptions"/>).</summary>
    public static ModularBuilder UseChromiumPdf(this ModularBuilder builder, Action<ChromiumPdfOptions>? configure = null) =>
        builder.AddModule(new ChromiumPdfModule(configure));
}

/// <summary>Carries the registration into AddModular; it is not a domain module and has no storage.</summary>
internal sealed class ChromiumPdfModule(Action<ChromiumPdfOptions>? configure) : ModularModule
{
    public override string Name => "Documents";

    public override void ConfigureServices(ModuleServices services) => services.Services.AddChromiumPdf(services.Root, configure);
}
