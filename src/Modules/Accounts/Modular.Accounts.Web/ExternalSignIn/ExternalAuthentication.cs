using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Modular.Accounts.Contracts;
using Modular.Core.Composition;
using NodaTime;

namespace Modular.Accounts.Web.ExternalSignIn;

/// <summary>
/// One OpenID Connect scheme per configured provider: authorization code flow with PKCE, state and nonce checked, the ID
/// token validated (issuer, audience, signature from the provider's published keys, expiry with a one-minute skew, on the
/// utility's clock). What the provider vouched for lands in a short-lived cookie of its own; the account pages turn it
/// into a registration, a log-in or a link.
/// </summary>
internal static class ExternalAuthentication
{
    /// <summary>The cookie scheme holding the provider's answer (15 minutes, never a portal session).</summary>
    public const string Cookie = "modular.external";

    private const string ProviderClaim = "modular_provider";
    private const string SubjectClaim = "sub";
    private const string NationalIdClaim = "modular_national_id";
    private const string EmailClaim = "email";
    private const string EmailVerifiedClaim = "email_verified";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static string SchemeOf(string provider) => "external-" + provider;

    public static void Add(ModuleServices module)
    {
        const string section = ModularBuilder.SectionName + ":Accounts";
        module.Services.AddValidatedOptions<ExternalProvidersOptions>(module.Root, section);
        module.Services.AddSingleton<ExternalProviders>();
        // The answer cookie exists even without providers, so the account pages read "no answer" rather than fail.
        var authentication = module.Services.AddAuthentication().AddCookie(Cookie, o =>
        {
            o.Cookie.Name = Cookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(15);
            o.SlidingExpiration = false;
        });
        module.Services.AddOptions<CookieAuthenticationOptions>(Cookie).Configure<IClock>((o, clock) => o.TimeProvider = new ClockTime(clock));
        var configured = module.Root.GetSection(section).Get<ExternalProvidersOptions>() ?? new ExternalProvidersOptions();
        foreach (var provider in configured.ExternalProviders.Where(p => !string.IsNullOrWhiteSpace(p.Scheme)))
        {
            var scheme = SchemeOf(provider.Scheme);
            authentication.AddOpenIdConnect(scheme, provider.Scheme, o => Configure(o, provider));
            module.Services.AddOptions<OpenIdConnectOptions>(scheme).Configure<IClock>((o, clock) =>
            {
                o.TimeProvider = new ClockTime(clock);
                o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, _) => Lifetime(clock.GetCurrentInstant(), notBefore, expires);
            });
        }
    }

    private static void Configure(OpenIdConnectOptions o, ExternalProviderOptions provider)
    {
        o.Authority = provider.Authority;
        o.ClientId = provider.ClientId;
        o.ClientSecret = provider.ClientSecret;
        o.RequireHttpsMetadata = provider.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        // Back by a top-level GET: no cross-site form post (the portal's form-action policy), Lax cookies suffice.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.CallbackPath = "/signin-" + provider.Scheme;
        o.SignedOutCallbackPath = "/signout-callback-" + provider.Scheme;
        o.RemoteSignOutPath = "/signout-" + provider.Scheme;
        o.SignInScheme = Cookie;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SaveTokens = false;
        o.DisableTelemetry = true;
        o.Scope.Clear();
        o.Scope.Add(OpenIdConnectScope.OpenId);
        foreach (var scope in provider.Scopes.Where(s => s != OpenIdConnectScope.OpenId))
        {
            o.Scope.Add(scope);
        }

        o.CorrelationCookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
        o.NonceCookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
        // The handler checks the state itself (it must unprotect with the portal's keys and match the correlation cookie);
        // the protocol validator checks the nonce against the nonce cookie.
        o.ProtocolValidator.RequireNonce = true;
        var validation = o.TokenValidationParameters;
        validation.ValidateIssuer = true;
        validation.ValidateAudience = true;
        validation.ValidateLifetime = true;
        validation.RequireExpirationTime = true;
        validation.RequireSignedTokens = true;
        validation.ValidateIssuerSigningKey = true;
        validation.ClockSkew = ClockSkew;
        validation.NameClaimType = SubjectClaim;

        o.Events.OnTokenValidated = context =>
        {
            // Keep only what the account pages use: the cookie carries no more personal data than needed.
            var token = context.Principal!;
            var claims = new List<Claim>
            {
                new(ProviderClaim, provider.Scheme),
                new(SubjectClaim, token.FindFirstValue(SubjectClaim) ?? string.Empty),
            };
            if (token.FindFirstValue(provider.NationalIdClaim) is { Length: > 0 } number)
            {
                claims.Add(new Claim(NationalIdClaim, number));
            }

            if (token.FindFirstValue(EmailClaim) is { Length: > 0 } email)
            {
                claims.Add(new Claim(EmailClaim, email));
                var verified = provider.VerifiesEmail && string.Equals(token.FindFirstValue(EmailVerifiedClaim), "true", StringComparison.OrdinalIgnoreCase);
                claims.Add(new Claim(EmailVerifiedClaim, verified ? "true" : "false"));
            }

            context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Cookie, SubjectClaim, null));
            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = context =>
        {
            var unavailable = IsUnavailable(context.Failure);
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalAuthentication))
                .LogWarning("Sign-in with {Provider} failed ({Kind}): {Reason}", provider.Scheme, unavailable ? "unreachable" : "refused", context.Failure?.Message);
            context.Response.Redirect($"/Account/External?handler=Failed&provider={Uri.EscapeDataString(provider.Scheme)}&reason={(unavailable ? "unavailable" : "failed")}");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>The provider could not be reached (discovery, keys or token endpoint), as opposed to an answer we refused.</summary>
    public static bool IsUnavailable(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or TaskCanceledException or TimeoutException
                || (e is InvalidOperationException && e.Message.Contains("IDX20803", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Lifetime(Instant now, DateTime? notBefore, DateTime? expires)
    {
        var skew = Duration.FromTimeSpan(ClockSkew);
        return expires is { } exp && Instant.FromDateTimeUtc(DateTime.SpecifyKind(exp, DateTimeKind.Utc)) + skew > now
            && (notBefore is not { } nbf || Instant.FromDateTimeUtc(DateTime.SpecifyKind(nbf, DateTimeKind.Utc)) - skew <= now);
    }

    /// <summary>What the provider vouched for, from the external cookie; null when the cookie is missing, expired or not a provider's.</summary>
    public static async Task<(ExternalIdentity Identity, AuthenticationProperties Properties)?> ReadAsync(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var result = await context.AuthenticateAsync(Cookie);
        if (!result.Succeeded || result.Principal is not { } principal || principal.FindFirstValue(ProviderClaim) is not { } provider
            || principal.FindFirstValue(SubjectClaim) is not { Length: > 0 } subject)
        {
            return null;
        }

        var identity = new ExternalIdentity(provider, subject, principal.FindFirstValue(NationalIdClaim), principal.FindFirstValue(EmailClaim),
            principal.FindFirstValue(EmailVerifiedClaim) == "true");
        return (identity, result.Properties ?? new AuthenticationProperties());
    }

    public static Task ForgetAsync(Microsoft.AspNetCore.Http.HttpContext context) => context.SignOutAsync(Cookie);

    /// <summary>The utility's clock as the handlers' time (state and cookie expiry).</summary>
    private sealed class ClockTime(IClock clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetCurrentInstant().ToDateTimeOffset();
    }
}

/// <summary>The configured providers, for pages (buttons, names in the page language).</summary>
public sealed class ExternalProviders(Microsoft.Extensions.Options.IOptions<ExternalProvidersOptions> options)
{
    public IReadOnlyList<ExternalProviderOptions> All { get; } = options.Value.ExternalProviders;

    public ExternalProviderOptions? Find(string? scheme) => All.FirstOrDefault(p => p.Scheme == scheme);
}
