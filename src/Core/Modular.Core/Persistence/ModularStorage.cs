using Autofac;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Modular.Core.Persistence;

public static class ModularStorage
{
    /// <summary>
    /// Applies every store's pending migrations now (Core first, then the modules in dependency order), for tools and
    /// command lines that use a built host without starting it. Starting the host does the same.
    /// </summary>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        MigrationHostedService.MigrateAsync(services.GetRequiredService<ILifetimeScope>(), services.GetServices<ModuleStore>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModularStorage)), cancellationToken);
}
