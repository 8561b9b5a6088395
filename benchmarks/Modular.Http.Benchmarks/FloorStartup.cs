using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

[assembly: HostingStartup(typeof(Modular.Http.Benchmarks.FloorStartup))]

namespace Modular.Http.Benchmarks;

/// <summary>
/// Loaded into the measured web host (ASPNETCORE_HOSTINGSTARTUPASSEMBLIES) to add this assembly's floor page: the
/// portal's layout, signed in, without data, served by the same host and pipeline as the pages measured against it.
/// </summary>
public sealed class FloorStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IActionDescriptorProvider, AddFloorPage>());

    // MVC creates its action descriptor providers together, this one first (it is registered before MVC's), when it first
    // reads the routes: the page is added to the host's parts before any provider looks at them.
    private sealed class AddFloorPage : IActionDescriptorProvider
    {
        public AddFloorPage(ApplicationPartManager parts)
        {
            var assembly = typeof(FloorStartup).Assembly;
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
            {
                parts.ApplicationParts.Add(part);
            }
        }

        public int Order => int.MinValue;

        public void OnProvidersExecuting(ActionDescriptorProviderContext context)
        {
        }

        public void OnProvidersExecuted(ActionDescriptorProviderContext context)
        {
        }
    }
}
