namespace Modular.Web.Pages;

/// <summary>The dashboard: alerts and cards contributed by the modules' UI packages (balance, latest invoice, reading window, …).</summary>
public sealed class IndexModel : PortalPageModel
{
    public void OnGet()
    {
    }
}
