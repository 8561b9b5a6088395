using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Web.Security;

namespace Modular.Kiosks.Web.Kiosk;

/// <summary>
/// The caller of a kiosk page: <see cref="Caller.KioskSession"/> of the customer found in the request's kiosk session (in
/// its language, with the session id), else whatever the registration it wraps says (anonymous at the start screen).
/// </summary>
internal sealed class KioskCurrentUser(IHttpContextAccessor accessor, ICurrentUser inner) : SurfaceCurrentUser(accessor, inner)
{
    public static void Decorate(IServiceCollection services) =>
        Decorate(services, (sp, inner) => new KioskCurrentUser(sp.GetRequiredService<IHttpContextAccessor>(), inner),
            "The kiosk screens need the web shell's current user (add .AddWeb() first).");

    protected override ICurrentUser? CallerOf(HttpContext context) =>
        KioskHttp.IsKioskPath(context.Request.Path) && KioskHttp.Current(context) is { CustomerId: { } customerId } session
            ? Caller.KioskSession(customerId, session.Culture).InSession(session.Id)
                .From(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString())
            : null;
}
