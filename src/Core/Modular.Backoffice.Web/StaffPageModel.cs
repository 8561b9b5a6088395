using Microsoft.AspNetCore.Mvc.RazorPages;
using Modular.Backoffice.Web.Security;
using Modular.Core.Results;
using Modular.Core.Time;
using NodaTime;
using NodaTime.Text;
using Modular.Web.Localization;
using Modular.Web.Security;

namespace Modular.Backoffice.Web;

/// <summary>Base of back-office pages: the staff session of the request and errors from a <see cref="Result"/> next to their fields.</summary>
public abstract class StaffPageModel : PageModel
{
    /// <summary>The signed-in staff member's session as checked for this request.</summary>
    protected StaffSessionState? Session => StaffAuthentication.Current(HttpContext);

    /// <summary>The customer the staff member acts on behalf of, if any.</summary>
    protected StaffActingFor? ActingFor => Session?.ActingFor;

    protected PortalText Text => HttpContext.RequestServices.GetRequiredService<PortalText>();

    // Staff read times side by side in tables and the audit: one sortable form in every language.
    private static readonly LocalDateTimePattern Display = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm");

    /// <summary>An instant as the utility's local date and time (<c>2026-12-01 14:05</c>), or "–".</summary>
    public string Format(Instant? instant) =>
        instant is { } i ? Display.Format(i.InZone(HttpContext.RequestServices.GetRequiredService<UtilityClock>().Zone).LocalDateTime) : "–";

    /// <summary>Adds each error under its field (matched case-insensitively) or to the whole form.</summary>
    protected void AddErrors(Result result, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var error in result.Errors)
        {
            var field = error.Field is null ? null : fields.FirstOrDefault(f => string.Equals(f, error.Field, StringComparison.OrdinalIgnoreCase));
            ModelState.AddModelError(field ?? string.Empty, Text.Describe(error));
        }
    }
}
