using MediatR;
using Microsoft.Extensions.Options;
using Modular.Core.Persistence;

namespace Modular.Core.Messaging;

/// <summary>
/// A request sent before the host started (between Build and Run) migrates the database first, so it finds the schema;
/// afterwards this is one flag read.
/// </summary>
internal sealed class MigrationGateBehavior<TRequest, TResponse>(ModularMigrator migrator, IOptions<StorageOptions> storage)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!migrator.IsDone && storage.Value.MigrateOnStartup)
        {
            await migrator.EnsureMigratedAsync(cancellationToken);
        }

        return await next();
    }
}
