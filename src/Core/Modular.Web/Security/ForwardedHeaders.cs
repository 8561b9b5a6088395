using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Modular.Web.Platform;

namespace Modular.Web.Security;

/// <summary>
/// Behind a TLS-terminating proxy: takes the client address and scheme from <c>X-Forwarded-For</c>/<c>-Proto</c>, but
/// only from the configured proxies, so cookies get <c>Secure</c> and the <c>__Host-</c> prefix and the rate limiter sees
/// the real client. Off by default: without a proxy these headers come from the client and must not be believed.
/// </summary>
internal static class ForwardedHeaders
{
    public static IServiceCollection AddPortalForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebOptions>>((o, web) =>
        {
            var settings = web.Value.ForwardedHeaders;
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            if (settings.KnownProxies.Count + settings.KnownNetworks.Count == 0)
            {
                return; // the defaults: loopback only
            }

            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in settings.Networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>First in the pipeline when enabled, so everything after it sees the client's scheme and address.</summary>
    public static IApplicationBuilder UsePortalForwardedHeaders(this IApplicationBuilder app)
    {
        var enabled = app.ApplicationServices.GetRequiredService<IOptions<WebOptions>>().Value.ForwardedHeaders.Enabled;
        return enabled ? app.UseForwardedHeaders() : app;
    }
}
