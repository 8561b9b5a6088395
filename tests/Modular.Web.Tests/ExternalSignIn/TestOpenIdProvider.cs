using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Modular.Web.Tests.ExternalSignIn;

/// <summary>The person the provider signs in at its next authorization request (no UI: the test chooses).</summary>
public sealed record TestPerson(string Subject, string? NationalId, string? Email, bool EmailVerified = true);

/// <summary>What the provider does wrong to its next ID tokens, on a test's demand.</summary>
public enum TokenFault
{
    None,

    /// <summary>The nonce claim is not the one the portal sent.</summary>
    WrongNonce,

    /// <summary>Issued as if two hours ago: expired long before the portal reads it.</summary>
    Expired,

    /// <summary>Signed with a key the provider does not publish.</summary>
    ForeignKey,
}

/// <summary>
/// A real OpenID Connect provider (OpenIddict server, degraded mode: no stores, ephemeral keys) on a real Kestrel port:
/// discovery, keys, an authorization endpoint that signs in <see cref="Next"/> at once, and the token endpoint with PKCE.
/// The portal's OpenID Connect handler reaches it over HTTP like any bank or eID broker.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "portal";
    public const string ClientSecret = "portal-test-secret";

    private readonly WebApplication _app;
    private readonly ShiftedTime _time = new();
    private bool _stopped;

    private TestOpenIdProvider(WebApplication app, string authority)
    {
        _app = app;
        Authority = authority;
    }

    /// <summary>The issuer, <c>http://127.0.0.1:{port}/</c>.</summary>
    public string Authority { get; }

    public TestPerson Next { get; set; } = new("nobody", null, null);

    public TokenFault Fault
    {
        get;
        set
        {
            field = value;
            _time.Offset = value == TokenFault.Expired ? TimeSpan.FromHours(-2) : TimeSpan.Zero;
        }
    }

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        builder.Logging.ClearProviders();
        TestOpenIdProvider? self = null;
        var foreignKey = new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "foreign" }, SecurityAlgorithms.RsaSha256);
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.Email, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            o.EnableDegradedMode().DisableTokenStorage().DisableAuthorizationStorage();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            o.Configure(options => options.TimeProvider = self!._time);
            // Degraded mode checks no client: these stand in for a provider's client registration.
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.RedirectUri?.StartsWith("https://localhost/signin-", StringComparison.Ordinal) != true)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect address.");
                }

                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.GenerateTokenContext>(b => b.UseInlineHandler(context =>
            {
                if (context.TokenType is not ("id_token" or TokenTypeIdentifiers.IdentityToken))
                {
                    return default;
                }

                switch (self!.Fault)
                {
                    case TokenFault.WrongNonce:
                        context.Principal.SetClaim(Claims.Nonce, "not-the-portals-nonce");
                        break;
                    case TokenFault.ForeignKey:
                        context.SigningCredentials = foreignKey;
                        break;
                }

                return default;
            }).SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1).SetType(OpenIddictServerHandlerType.Custom));
        });

        var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        app.MapGet("/connect/authorize", (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var person = self!.Next;
            var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, person.Subject);
            if (person.NationalId is not null)
            {
                identity.SetClaim("national_id", person.NationalId);
            }

            if (person.Email is not null)
            {
                identity.SetClaim(Claims.Email, person.Email).SetClaim(Claims.EmailVerified, person.EmailVerified);
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        self = new TestOpenIdProvider(app, address.TrimEnd('/') + "/");
        return self;
    }

    /// <summary>Stops listening: the provider is down from now on.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
