using System.Globalization;
using System.Security.Claims;
using Modular.Core.Access;
using Modular.Web.Security;

namespace Modular.Backoffice.Web.Security;

/// <summary>
/// The caller of a request: a staff member (channel Staff, their session, possibly on behalf of one customer) when the
/// staff scheme authenticated it, else whatever the registration it wraps (the portal's) says.
/// </summary>
internal sealed class StaffCurrentUser(IHttpContextAccessor accessor, ICurrentUser portal) : SurfaceCurrentUser(accessor, portal)
{
    public static void Decorate(IServiceCollection services) =>
        Decorate(services, (sp, portal) => new StaffCurrentUser(sp.GetRequiredService<IHttpContextAccessor>(), portal),
            "The back office needs the web shell's current user (add .AddWeb() first).");

    protected override ICurrentUser? CallerOf(HttpContext context)
    {
        var principal = context.User;
        if (principal.Identity is not { IsAuthenticated: true, AuthenticationType: StaffAuthentication.Scheme }
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var staffId))
        {
            return null;
        }

        var caller = Caller.Staff(staffId, principal.FindAll(ClaimTypes.Role).Select(c => c.Value), Channel.Staff,
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        if (Guid.TryParse(principal.FindFirstValue(StaffAuthentication.SessionIdClaim), out var sessionId))
        {
            caller = caller.InSession(sessionId);
        }

        if (Guid.TryParse(principal.FindFirstValue(StaffAuthentication.ActingForClaim), out var customerId))
        {
            caller = caller.OnBehalfOf(customerId);
        }

        return caller.From(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());
    }
}
