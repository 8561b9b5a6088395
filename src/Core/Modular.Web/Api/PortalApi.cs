using System.Security.Claims;
using Modular.Web.Hooks;
using Modular.Web.Security;

namespace Modular.Web.Api;

/// <summary>The JSON API under <c>/api/v1</c>, for customers' own tools with a personal access token; modules add their endpoints to it.</summary>
internal static class PortalApi
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        return services;
    }

    public static void MapPortalApi(this WebApplication app)
    {
        app.MapGet(Prefix + "/openapi.json", OpenApiDocument.Write).AllowAnonymous().ExcludeFromDescription();
        var api = app.MapGroup(Prefix).RequireAuthorization(ApiPolicies.Token);
        api.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new Me(
                Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
                user.FindAll(TokenAuthenticationHandler.ScopeClaim).Select(c => c.Value).ToList())))
            .WithName("GetMe").WithSummary("The token's owner and scopes.").Produces<Me>();
        foreach (var entry in app.Services.GetServices<ApiEntry>().Where(e => e.Surface == WebSurface.Portal))
        {
            entry.Map(api);
        }
    }
}

/// <summary>The owner of the presented token and its scopes.</summary>
public sealed record Me(Guid UserId, IReadOnlyList<string> Scopes);
