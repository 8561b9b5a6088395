using System.Text;
using Microsoft.Extensions.Options;

namespace Modular.Core.Links;

/// <summary>Builds absolute links to the public surfaces (see <see cref="LinksOptions"/>).</summary>
public interface IPublicLinks
{
    /// <summary>The surface's public address without a trailing slash; throws <see cref="LinkAddressUnknownException"/> when none is known.</summary>
    string BaseOf(PublicSurface surface);

    /// <summary>The surface's address when it is known, else null (for links that may stay host-relative).</summary>
    string? TryBaseOf(PublicSurface surface);

    /// <summary>The absolute URL of a named route; placeholders are filled from <paramref name="values"/>, the rest become the query.</summary>
    string To(string route, params (string Name, string? Value)[] values);
}

/// <summary>What a running host knows about its own surfaces: the addresses it listens on (a web host fills this in).</summary>
public interface IServedSurfaces
{
    /// <summary>The address this process serves <paramref name="surface"/> on, or null when it does not (yet).</summary>
    string? AddressOf(PublicSurface surface);
}

/// <summary>No surface's address is configured, served here or recorded by another host.</summary>
public sealed class LinkAddressUnknownException(PublicSurface surface) : InvalidOperationException(
    $"The public address of the {surface.ToString().ToLowerInvariant()} is not known: set Modular:Links:{surface} " +
    $"(e.g. https://{surface.ToString().ToLowerInvariant()}.utility.example), or start the host that serves it from the same data folder.");

internal sealed class PublicLinks(
    IOptionsMonitor<LinksOptions> options,
    IEnumerable<LinkRoute> routes,
    SurfaceAddressBook book,
    IServedSurfaces? served = null) : IPublicLinks
{
    private readonly Dictionary<string, LinkRoute> _routes = routes
        .GroupBy(r => r.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public string BaseOf(PublicSurface surface) => TryBaseOf(surface) ?? throw new LinkAddressUnknownException(surface);

    public string? TryBaseOf(PublicSurface surface)
    {
        var address = options.CurrentValue.Of(surface) is { Length: > 0 } configured
            ? configured
            : served?.AddressOf(surface) ?? book.Read(surface);
        return address?.TrimEnd('/');
    }

    public string To(string route, params (string Name, string? Value)[] values)
    {
        if (!_routes.TryGetValue(route, out var link))
        {
            throw new ArgumentException($"No link route named '{route}' is registered.", nameof(route));
        }

        var path = new StringBuilder(link.Path);
        var query = new List<string>();
        foreach (var (name, value) in values)
        {
            var placeholder = "{" + name + "}";
            if (link.Path.Contains(placeholder, StringComparison.Ordinal))
            {
                path.Replace(placeholder, Uri.EscapeDataString(value ?? string.Empty));
            }
            else if (value is not null)
            {
                query.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
            }
        }

        var relative = path.ToString();
        return BaseOf(link.Surface) + (relative.StartsWith('/') ? relative : "/" + relative)
            + (query.Count > 0 ? "?" + string.Join("&", query) : string.Empty);
    }
}
