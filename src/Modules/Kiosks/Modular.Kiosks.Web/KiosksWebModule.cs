using Modular.Core.Composition;
using Modular.Kiosks.Contracts;
using Modular.Web.Hooks;

namespace Modular.Kiosks.Web;

/// <summary>The back office's kiosks screens: status, registration and device keys, days and their reports, closing a day.</summary>
public sealed class KiosksWebModule : ModularWebModule
{
    protected override string ModuleName => "Kiosks";

    protected override void ConfigureWeb(WebContributions web)
    {
        web.AddStaffMenuEntry("/staff/kiosks", "staff.nav.kiosks", 65, KiosksPermissions.Read);
    }
}

public static class KiosksWebModularBuilderExtensions
{
    /// <summary>Adds the Kiosks pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddKiosks()</c>).</summary>
    public static ModularBuilder AddKiosksWeb(this ModularBuilder modular) => modular.AddModule(new KiosksWebModule());
}
