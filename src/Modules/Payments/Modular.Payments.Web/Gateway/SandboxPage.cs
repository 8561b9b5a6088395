using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Modular.Core.Localization;
using Modular.Payments.Contracts;
using Modular.Web.Branding;
using Modular.Web.Localization;

namespace Modular.Payments.Web.Gateway;

/// <summary>
/// The sandbox gateway's hosted page: texts from the catalog in the request's language, every value HTML-encoded, and a
/// form token issued to this browser's sandbox session (a random cookie) that the approve/decline POST must carry.
/// </summary>
internal static class SandboxPage
{
    public const string TokenField = "token";
    public const string SessionCookie = "modular.sandbox";

    public static async Task<IResult> ShowAsync(string reference, HttpContext context)
    {
        var found = await GatewayEndpoints.SendAsSystemAsync(context, new GetSandboxPayment(reference, EnsureSession(context)));
        if (found.IsFailure)
        {
            return Results.NotFound();
        }

        var payment = found.Value;
        var texts = context.RequestServices.GetRequiredService<ITextCatalog>();
        var language = LanguageOf(context);
        string T(string key, params (string Name, object? Value)[] arguments) => WebUtility.HtmlEncode(
            texts.Get("payments.sandbox." + key, language, arguments.ToDictionary(a => a.Name, a => a.Value)));

        var form = payment.FormToken is { } token
            ? $"""
                <form method="post" class="actions"><input type="hidden" name="{TokenField}" value="{WebUtility.HtmlEncode(token)}">
                <button name="decision" value="approve">{T("approve")}</button> <button name="decision" value="decline" class="secondary">{T("decline")}</button></form>
                """
            : string.Empty;
        var status = WebUtility.HtmlEncode(texts.Get("payments.status." + payment.Status.ToString().ToLowerInvariant(), language));
        // The portal's own style sheets, so the (test) gateway looks like the portal it stands in for.
        var brand = WebUtility.HtmlEncode(context.RequestServices.GetService<PortalBranding>()?.Name ?? string.Empty);
        var html = $"""
            <!doctype html><html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{T("title", ("reference", payment.Reference))}</title>
            <link rel="stylesheet" href="/css/site.css"><link rel="stylesheet" href="/brand.css"></head>
            <body><header class="site-header"><div class="bar"><span class="brand">{brand}</span></div></header>
            <main id="main" class="narrow"><h1>{T("heading")}</h1><p class="alert alert-info">{T("notice")}</p>
            <section class="card"><dl class="facts">
            <dt>{T("reference")}</dt><dd><strong id="reference">{WebUtility.HtmlEncode(payment.Reference)}</strong></dd>
            <dt>{T("amount")}</dt><dd><strong id="amount" class="nowrap">{WebUtility.HtmlEncode(Formats.Money(payment.Total, Formats.Regional(language)))}</strong></dd>
            <dt>{T("status")}</dt><dd><span id="status">{status}</span></dd></dl>
            {form}
            </section></main>
            </body></html>
            """;
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    public static IResult Refuse(HttpContext context, string code) => Results.Content(
        context.RequestServices.GetRequiredService<ITextCatalog>().Get(code, LanguageOf(context)), "text/plain; charset=utf-8",
        statusCode: StatusCodes.Status400BadRequest);

    /// <summary>The browser's sandbox session (a random cookie), created on its first visit.</summary>
    public static string EnsureSession(HttpContext context)
    {
        if (SessionOf(context) is { } existing)
        {
            return existing;
        }

        var session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(SessionCookie, session, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = GatewayEndpoints.Prefix + "/sandbox",
        });
        return session;
    }

    public static string? SessionOf(HttpContext context) =>
        context.Request.Cookies.TryGetValue(SessionCookie, out var session) && session.Length == 64 && session.All(Uri.IsHexDigit) ? session : null;

    /// <summary>
    /// The request's language as the host resolved it (ASP.NET Core request localization: the portal's language cookie,
    /// the user's preference, the browser); without request localization the browser's Accept-Language; else the default.
    /// </summary>
    public static string LanguageOf(HttpContext context)
    {
        var supported = LocalizationOptions.Supported;
        if (context.Features.Get<IRequestCultureFeature>() is { } feature
            && supported.Contains(feature.RequestCulture.UICulture.TwoLetterISOLanguageName))
        {
            return feature.RequestCulture.UICulture.TwoLetterISOLanguageName;
        }

        foreach (var language in context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var two = language.Value.ToString().Split('-')[0].ToLowerInvariant();
            if (supported.Contains(two))
            {
                return two;
            }
        }

        return context.RequestServices.GetRequiredService<IOptions<LocalizationOptions>>().Value.DefaultCulture;
    }
}
