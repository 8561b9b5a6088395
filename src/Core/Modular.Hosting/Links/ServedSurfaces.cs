using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Links;

namespace Modular.Hosting.Links;

/// <summary>The surfaces this web host serves, at the first address its server listens on (a wildcard host becomes localhost).</summary>
internal sealed class ServedSurfaces(IServiceProvider services, IReadOnlySet<PublicSurface> surfaces) : IServedSurfaces
{
    public string? AddressOf(PublicSurface surface)
    {
        if (!surfaces.Contains(surface))
        {
            return null;
        }

        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? null : Reachable(address);
    }

    /// <summary><c>http://0.0.0.0:5000</c>, <c>http://[::]:5000</c> and <c>http://+:5000</c> listen everywhere; a link needs a name.</summary>
    internal static string Reachable(string address)
    {
        var wildcard = address.Replace("://+:", "://localhost:", StringComparison.Ordinal)
            .Replace("://*:", "://localhost:", StringComparison.Ordinal)
            .Replace("://0.0.0.0:", "://localhost:", StringComparison.Ordinal)
            .Replace("://[::]:", "://localhost:", StringComparison.Ordinal);
        return wildcard.TrimEnd('/');
    }
}

/// <summary>
/// When the server has started, records the address of each surface served here whose public address is not configured,
/// in the data folder: hosts without a server (the worker) started from the same folder then link to it.
/// </summary>
internal sealed class SurfaceAddressRecorder(IHostApplicationLifetime lifetime, IServedSurfaces served, SurfaceAddressBook book,
    IOptionsMonitor<LinksOptions> links, IReadOnlySet<PublicSurface> surfaces, ILogger<SurfaceAddressRecorder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var surface in surfaces.Where(s => string.IsNullOrEmpty(links.CurrentValue.Of(s))))
            {
                if (served.AddressOf(surface) is { } address)
                {
                    try
                    {
                        book.Record(surface, address);
                        logger.LogInformation("Links to the {Surface} use {Address} (recorded in {File} for other hosts)", surface, address, book.FileOf(surface));
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        logger.LogWarning(ex, "Could not record the {Surface} address in {File}", surface, book.FileOf(surface));
                    }
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
