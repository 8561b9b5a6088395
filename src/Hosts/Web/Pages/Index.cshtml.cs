namespace Modular.Web.Pages;

/// <summary>The dashboard: balance, latest invoice, reading window and alerts.</summary>
public sealed class IndexModel : PortalPageModel
{
    public void OnGet()
    {
    }
}
