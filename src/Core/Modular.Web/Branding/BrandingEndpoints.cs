namespace Modular.Web.Branding;

/// <summary><c>/brand.css</c> (after the portal's stylesheet on every page) and <c>/brand/logo</c>.</summary>
internal static class BrandingEndpoints
{
    public static void MapBranding(this IEndpointRouteBuilder app)
    {
        app.MapGet("/brand.css", (PortalBranding branding, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Text(branding.Css, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/brand/logo", (PortalBranding branding, HttpContext context) =>
        {
            if (branding.LogoPath is not { } path)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.File(path, PortalBranding.ContentTypeOf(path));
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
