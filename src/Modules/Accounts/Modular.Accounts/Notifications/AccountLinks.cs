using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Composition;
using Modular.Core.Links;

namespace Modular.Accounts.Notifications;

/// <summary>The portal addresses the account emails link to; the portal's account pages serve these paths.</summary>
internal static class AccountLinks
{
    public const string ConfirmEmail = "accounts.confirm-email";
    public const string ResetPassword = "accounts.reset-password";
    public const string ConfirmEmailChange = "accounts.confirm-email-change";
    public const string ForgotPassword = "accounts.forgot-password";

    /// <summary>The obsolete <c>Modular:Accounts:PortalBaseUrl</c>, read as <c>Modular:Links:Portal</c> when that is not set.</summary>
    public const string ObsoletePortalBaseUrl = "PortalBaseUrl";

    public static void Register(ModuleServices services)
    {
        services.AddLinkRoute(ConfirmEmail, PublicSurface.Portal, "/account/confirm");
        services.AddLinkRoute(ResetPassword, PublicSurface.Portal, "/account/reset");
        services.AddLinkRoute(ConfirmEmailChange, PublicSurface.Portal, "/account/confirm-email-change");
        services.AddLinkRoute(ForgotPassword, PublicSurface.Portal, "/account/forgot");

        var alias = services.Configuration[ObsoletePortalBaseUrl];
        if (!string.IsNullOrWhiteSpace(alias))
        {
            services.Services.PostConfigure<LinksOptions>(o => o.Portal = string.IsNullOrWhiteSpace(o.Portal) ? alias : o.Portal);
        }
    }
}
