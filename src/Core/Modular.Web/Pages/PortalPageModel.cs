using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Modular.Core.Results;
using Modular.Web.Localization;

namespace Modular.Web.Pages;

/// <summary>Base of the portal's pages: the signed-in user and errors from a <see cref="Result"/> placed next to their fields.</summary>
public abstract class PortalPageModel : PageModel
{
    protected Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    protected PortalText Text => HttpContext.RequestServices.GetRequiredService<PortalText>();

    /// <summary>Adds each error under its field (matched case-insensitively to the form's inputs) or to the whole form.</summary>
    protected void AddErrors(Result result, params string[] fields)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Field is null ? null : fields.FirstOrDefault(f => string.Equals(f, error.Field, StringComparison.OrdinalIgnoreCase));
            ModelState.AddModelError(field ?? string.Empty, Text.Describe(error));
        }
    }

    /// <summary>Replaces the framework's English binding messages (e.g. a number that does not parse) with the portal's.</summary>
    protected void LocalizeBindingErrors()
    {
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count > 0 && !string.IsNullOrEmpty(key))
            {
                entry.Errors.Clear();
                entry.Errors.Add(Text["web.invalid_value"]);
            }
        }
    }
}
