using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Web.Api;
using Modular.Web.Hooks;
using Modular.Web.Localization;
using Modular.Web.Platform;
using Modular.Web.Security;
using NodaTime;

namespace Modular.Web.Composition;

/// <summary>The shell's services: security, localization, pages and the API infrastructure.</summary>
internal static class PortalServices
{
    public static void Add(ModuleServices module)
    {
        var services = module.Services;
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<PortalText>();
        // Romanian and Latvian letters stay readable in the HTML instead of becoming character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        // One key ring in the database for every instance, so any instance reads any instance's cookies and forms.
        KeyProtection.Configure(module, services.AddDataProtection().SetApplicationName("Modular.Portal"));
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory, IClock>((o, scopes, clock) => o.XmlRepository = new DatabaseXmlRepository(scopes, clock));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = PortalSession.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.Path = "/";
                // Lax, not Strict: the return from the payment page is a top-level navigation from another site.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CookieManager = new PortalCookieManager();
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/Login";
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = PortalSession.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SessionTimeouts>, IClock>((o, sessions, clock) =>
            {
                // The cookie slides with the server-side session's idle timeout: one setting for both (Modular:Sessions).
                o.ExpireTimeSpan = sessions.Value.CustomerIdle.ToTimeSpan();
                o.TimeProvider = new ClockTimeProvider(clock);
            });

        // The API takes personal access tokens only: no cookie, so no cross-site request can act on it.
        services.AddAuthorization(o => ApiPolicies.AddBasics(o));
        services.AddSingleton(new TokenScope(TokenScopes.Read, "tokens.scope." + TokenScopes.Read, 0));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "modular.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddPortalForwardedHeaders();
        services.AddCredentialRateLimiting();
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Language");
                o.Conventions.AllowAnonymousToPage("/Account/Logout");
            })
            .AddMvcOptions(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true)
            .ConfigureApplicationPartManager(WebParts.RemoveModuleUiPackages);
        new WebContributions(WebModule.ModuleName, services)
            .AddPackage(typeof(PortalServices).Assembly)
            .AddMenuEntry("/", "nav.dashboard", 0);
        services.AddSingleton<WebSlots>();
        services.AddScoped<PageQueries>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblemCodes.Customize);
        services.AddPortalApi();
        services.AddHostedService<FirstRunReporter>();
    }
}
