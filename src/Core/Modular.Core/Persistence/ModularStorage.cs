using Microsoft.Extensions.DependencyInjection;

namespace Modular.Core.Persistence;

public static class ModularStorage
{
    /// <summary>
    /// Applies every store's pending migrations now (Core first, then the modules in dependency order), under the one
    /// migration lock, for tools and command lines that use a built host without starting it. Starting the host does the same.
    /// </summary>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<ModularMigrator>().EnsureMigratedAsync(cancellationToken);
}
