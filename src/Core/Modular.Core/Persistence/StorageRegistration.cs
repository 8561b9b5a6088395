using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Modular.Core.Messaging;
using Modular.Core.Outbox;

namespace Modular.Core.Persistence;

/// <summary>A module's storage as Core sees it: for migrations, the outbox dispatcher and health checks.</summary>
public sealed record ModuleStore(string Module, Type ContextType);

public static class StorageRegistration
{
    /// <summary>Registers a module DbContext per request scope, enlisted in the scope's unit of work.</summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string module)
        where TContext : ModuleDbContext
    {
        services.AddSingleton(new ModuleStore(module, typeof(TContext)));
        // Interceptors the host registers (diagnostics, tests counting statements) apply to every module context.
        services.AddSingleton(sp => BuildOptions<TContext>(sp.GetRequiredService<IOptions<StorageOptions>>().Value, module,
            [sp.GetRequiredService<OutboxSaveInterceptor>(), .. sp.GetServices<IInterceptor>()]));
        services.AddScoped(sp =>
        {
            var context = ActivatorUtilities.CreateInstance<TContext>(sp);
            sp.GetRequiredService<UnitOfWork>().Enlist(context);
            return context;
        });
        return services;
    }

    /// <summary>Options for a module context outside a host (tools, benchmarks, tests).</summary>
    public static DbContextOptions<TContext> BuildOptions<TContext>(StorageOptions storage, string module, params IInterceptor[] interceptors)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        var history = "__" + module.ToLowerInvariant() + "_migrations";
        switch (storage.Provider)
        {
            case StorageProvider.Sqlite:
                builder.UseSqlite(storage.ConnectionString, o => o
                    .MigrationsHistoryTable(history)
                    .CommandTimeout(storage.CommandTimeoutSeconds));
                builder.AddInterceptors(new SqliteBusyWait(storage.CommandTimeoutSeconds));
                break;
            case StorageProvider.Postgres:
                builder.UseNpgsql(WithPoolLimit(storage.ConnectionString, storage.MaxPoolSize), o => o
                    .MigrationsHistoryTable("__migrations", module.ToLowerInvariant())
                    .CommandTimeout(storage.CommandTimeoutSeconds));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(storage), storage.Provider, "Unknown storage provider.");
        }

        // Migrations are written by hand (EF's design-time package is not available here), so there is no model
        // snapshot to compare with; the tests exercise every mapping on both providers instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }

        return builder.Options;
    }

    /// <summary>Caps the pool at <paramref name="maxPoolSize"/> unless the connection string chose a size itself.</summary>
    internal static string WithPoolLimit(string connectionString, int maxPoolSize)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var chosen = given.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || k.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
        return chosen ? connectionString : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    /// <summary>Resolves a module context in an Autofac scope by its registered type.</summary>
    internal static ModuleDbContext ResolveContext(this ILifetimeScope scope, ModuleStore store) =>
        (ModuleDbContext)scope.Resolve(store.ContextType);
}
