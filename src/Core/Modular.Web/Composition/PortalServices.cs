using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Modular.Accounts;
using Modular.Billing;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Documents.Chromium;
using Modular.Payments;
using Modular.Readings;
using Modular.Web.Api;
using Modular.Web.Localization;
using Modular.Web.Platform;
using Modular.Web.Security;
using NodaTime;

namespace Modular.Web.Composition;

/// <summary>Composes the customer portal: modules, storage, security, localization, pages and the API.</summary>
public static class PortalServices
{
    public const string ApiPolicy = "api";
    public const string ApiReadPolicy = "api.read";
    public const string ApiSubmitReadingsPolicy = "api.readings.submit";

    /// <param name="modules">Extra choices for <c>AddModular</c> (tests use it to set the clock or storage).</param>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder, Action<ModularBuilder>? modules = null)
    {
        builder.AddModular(m =>
        {
            m.AddModule(new WebPlatformModule())
                .AddAccounts().AddReadings().AddBilling().AddPayments()
                .UseChromiumPdf();
            modules?.Invoke(m);
        });

        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<PortalText>();
        services.AddScoped<IPreferredCultureStore, AccountsCultureStore>();
        // Romanian and Latvian letters stay readable in the HTML instead of becoming character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        // One key ring in the database for every instance, so any instance reads any instance's cookies and forms.
        KeyProtection.Configure(builder, services.AddDataProtection().SetApplicationName("Modular.Portal"));
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
            .Configure<IOptions<WebOptions>, IClock>((o, web, clock) =>
            {
                o.ExpireTimeSpan = TimeSpan.FromMinutes(web.Value.IdleTimeoutMinutes);
                o.TimeProvider = new ClockTimeProvider(clock);
            });

        // The API takes personal access tokens only: no cookie, so no cross-site request can act on it.
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(ApiReadPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
                .RequireClaim(TokenAuthenticationHandler.ScopeClaim, TokenScopes.Read))
            .AddPolicy(ApiSubmitReadingsPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
                .RequireClaim(TokenAuthenticationHandler.ScopeClaim, TokenScopes.SubmitReadings));

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
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Language");
                // The address Accounts' "password changed" mail links to.
                o.Conventions.AddPageRoute("/Account/ForgotPassword", "account/forgot");
                o.LimitCredentialPages("/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/ResetPassword");
            })
            .AddMvcOptions(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);

        services.AddProblemDetails();
        services.AddPortalApi();
        services.AddSingleton<DemoCredentials>();
        services.AddHostedService<DemoDataLoader>();
        services.AddHostedService<FirstRunReporter>();
        return builder;
    }
}
