using System.Globalization;
using System.Security.Claims;
using Modular.Core.Access;

namespace Modular.Web.Security;

/// <summary>The portal user of the current request, from the session cookie or a personal access token.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public Guid? UserId =>
        accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var userId) ? userId : null;

    public bool IsAuthenticated => UserId is not null;

    public bool IsSystem => false;

    public string? Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}

/// <summary>Adapts NodaTime's clock for ASP.NET Core, so cookie expiry follows the same (testable) time as the modules.</summary>
internal sealed class ClockTimeProvider(NodaTime.IClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetCurrentInstant().ToDateTimeOffset();
}
