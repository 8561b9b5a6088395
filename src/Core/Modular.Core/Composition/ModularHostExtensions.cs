using Autofac;
using Autofac.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Modular.Core.Composition;

public static class ModularHostExtensions
{
    /// <summary>
    /// Composes Modular into a host: Core services, the chosen storage, and each module in dependency order.
    /// Throws <see cref="ModularConfigurationException"/> at once when a module's dependency is missing.
    /// </summary>
    public static TBuilder AddModular<TBuilder>(this TBuilder host, Action<ModularBuilder> configure)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(configure);
        var modular = new ModularBuilder(host.Configuration, host.Environment);
        configure(modular);
        var modules = ModuleGraph.Order(modular.Modules);

        host.Services.AddModularCore(host.Configuration, modular, modules);
        foreach (var module in modules)
        {
            module.ConfigureServices(new ModuleServices(module, host.Services, host.Configuration, host.Environment));
        }

        host.ConfigureContainer(new AutofacServiceProviderFactory(), container =>
        {
            container.RegisterModule(new CoreAutofacModule());
            foreach (var module in modules)
            {
                container.RegisterModule(module);
            }
        });
        return host;
    }

    /// <summary>
    /// Applies every module's pending migrations now, so a host can send requests between <c>Build()</c> and <c>Run()</c>
    /// (seed data, an import). Safe to call from several processes at once; the start-up then finds nothing to do.
    /// Requests sent before either also migrate first, so calling this is optional.
    /// </summary>
    public static Task MigrateModularAsync(this IHost host, CancellationToken cancellationToken = default) =>
        host.Services.GetRequiredService<ILifetimeScope>().Resolve<Persistence.ModularMigrator>().EnsureMigratedAsync(cancellationToken);
}
