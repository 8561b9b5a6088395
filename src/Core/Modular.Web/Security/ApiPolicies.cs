using Microsoft.AspNetCore.Authorization;

namespace Modular.Web.Security;

/// <summary>
/// Authorization policies of the API. Every API endpoint needs a personal access token (<see cref="Token"/>, set on the
/// whole group); an endpoint adds the scope it needs with <c>.RequireAuthorization(ApiPolicies.For(scope))</c>. The
/// policy of a scope exists once the scope is declared (the shell declares <see cref="TokenScopes.Read"/>; modules add
/// theirs with <c>AddTokenScope</c>).
/// </summary>
public static class ApiPolicies
{
    /// <summary>Any valid personal access token.</summary>
    public const string Token = "api";

    /// <summary>A token with <see cref="TokenScopes.Read"/>.</summary>
    public static readonly string Read = For(TokenScopes.Read);

    public static string For(string scope) => "api:" + scope;

    internal static void AddBasics(AuthorizationOptions options)
    {
        options.AddPolicy(Token, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        Add(options, TokenScopes.Read);
    }

    internal static void Add(AuthorizationOptions options, string scope) =>
        options.AddPolicy(For(scope), p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
            .RequireClaim(TokenAuthenticationHandler.ScopeClaim, scope));
}
