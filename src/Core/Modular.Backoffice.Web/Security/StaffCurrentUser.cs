using System.Globalization;
using System.Security.Claims;
using Modular.Core.Access;

namespace Modular.Backoffice.Web.Security;

/// <summary>
/// The caller of a request: a staff member (channel Staff, their session, possibly on behalf of one customer) when the
/// staff scheme authenticated it, else whatever the portal's adapter says. Replaces the shell's registration and wraps it.
/// </summary>
internal sealed class StaffCurrentUser(IHttpContextAccessor accessor, ICurrentUser portal) : ICurrentUser
{
    private ICurrentUser Current
    {
        get
        {
            var context = accessor.HttpContext;
            var principal = context?.User;
            if (principal?.Identity is not { IsAuthenticated: true, AuthenticationType: StaffAuthentication.Scheme }
                || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var staffId))
            {
                return portal;
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

            return caller.From(context!.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());
        }
    }

    public CallerKind Kind => Current.Kind;

    public Channel Channel => Current.Channel;

    public Guid? UserId => Current.UserId;

    public Guid? StaffId => Current.StaffId;

    public Guid? CustomerId => Current.CustomerId;

    public IReadOnlyList<string> Roles => Current.Roles;

    public Guid? SessionId => Current.SessionId;

    public string? ClientAddress => Current.ClientAddress;

    public string? UserAgent => Current.UserAgent;

    public string? Culture => Current.Culture;

    /// <summary>Wraps the shell's <see cref="ICurrentUser"/> registration (its type stays resolvable on its own).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var shell = services.LastOrDefault(d => d.ServiceType == typeof(ICurrentUser) && d.ImplementationType is not null && !d.IsKeyedService)
            ?? throw new InvalidOperationException("The back office needs the web shell's current user (add .AddWeb() first).");
        var portalType = shell.ImplementationType!;
        services.Remove(shell);
        services.Add(new ServiceDescriptor(portalType, portalType, ServiceLifetime.Scoped));
        services.AddScoped<ICurrentUser>(sp => new StaffCurrentUser(sp.GetRequiredService<IHttpContextAccessor>(), (ICurrentUser)sp.GetRequiredService(portalType)));
    }
}
