namespace Modular.Backoffice.Web.Pages;

/// <summary>What a staff member sees for a screen their roles do not grant (403).</summary>
public sealed class DeniedModel : StaffPageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
