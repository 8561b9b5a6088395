using Microsoft.AspNetCore.Authentication.Cookies;

namespace Modular.Web.Security;

/// <summary>
/// Gives cookies the <c>__Host-</c> prefix when the request is HTTPS: the browser then only accepts them when they
/// are Secure, have Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite the session.
/// </summary>
internal sealed class PortalCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    public static string NameFor(HttpContext context, string key) => context.Request.IsHttps ? "__Host-" + key : key;

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, NameFor(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, NameFor(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        _inner.DeleteCookie(context, NameFor(context, key), options);
}
