using System.Globalization;
using System.Security.Claims;
using Modular.Core.Access;

namespace Modular.Web.Security;

/// <summary>
/// The caller of the current request: the portal user from the session cookie (portal channel) or a personal access token
/// (API token channel), else anonymous; with the client's address and user agent.
/// </summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private Caller Current
    {
        get
        {
            var context = accessor.HttpContext;
            var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var principal = context?.User;
            var caller = principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var userId)
                ? Caller.Customer(userId, principal.Identity?.AuthenticationType == TokenAuthenticationHandler.SchemeName ? Channel.ApiToken : Channel.Portal, culture)
                : Caller.Anonymous with { Culture = culture };
            return caller.From(context?.Connection.RemoteIpAddress?.ToString(), context?.Request.Headers.UserAgent.ToString());
        }
    }

    public CallerKind Kind => Current.Kind;

    public Channel Channel => Current.Channel;

    public Guid? UserId => Current.UserId;

    public Guid? StaffId => null;

    public Guid? CustomerId => null;

    public IReadOnlyList<string> Roles => [];

    /// <summary>The server-side session behind the portal cookie (none for API tokens or cookies without one).</summary>
    public Guid? SessionId => accessor.HttpContext?.User is { } user && user.Identity?.AuthenticationType != TokenAuthenticationHandler.SchemeName
        && Guid.TryParse(user.FindFirstValue(PortalSession.SessionIdClaim), out var id) ? id : null;

    public string? ClientAddress => Current.ClientAddress;

    public string? UserAgent => Current.UserAgent;

    public string? Culture => Current.Culture;
}

/// <summary>Adapts NodaTime's clock for ASP.NET Core, so cookie expiry follows the same (testable) time as the modules.</summary>
internal sealed class ClockTimeProvider(NodaTime.IClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetCurrentInstant().ToDateTimeOffset();
}
