using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Modular.Core.Localization;
using Modular.Core.Results;
using Modular.Web.Localization;

namespace Modular.Web.Api;

/// <summary>
/// Gives every problem the API answers a stable <c>code</c> and a title in the caller's language, including those the
/// framework writes itself: a body that is not JSON or has wrong types, a missing or unsupported content type, an unknown
/// enum value or a malformed id, an unknown path or method, no token, throttling, a server error.
/// </summary>
public static class ApiProblemCodes
{
    public const string BadRequest = "web.bad_request";
    public const string Unauthenticated = "web.unauthenticated";
    public const string MethodNotAllowed = "web.method_not_allowed";
    public const string UnsupportedMediaType = "web.unsupported_media_type";
    public const string TooLarge = "web.request_too_large";
    public const string TooManyRequests = "web.too_many_requests";
    public const string Busy = "web.busy";
    public const string Failed = "web.failed";

    public static string For(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => CoreErrors.Forbidden,
        StatusCodes.Status404NotFound => CoreErrors.NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        StatusCodes.Status503ServiceUnavailable => Busy,
        >= 500 => Failed,
        _ => BadRequest,
    };

    /// <summary>The API's answer to a request it could not read: the framework's status (400, 413, 415), not 500.</summary>
    public static int StatusOf(Exception exception) => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    internal static void Customize(ProblemDetailsContext context)
    {
        if (!context.HttpContext.Request.Path.StartsWithSegments(PortalApi.Prefix) || context.ProblemDetails.Extensions.ContainsKey("code"))
        {
            return;
        }

        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        var code = For(status);
        var texts = context.HttpContext.RequestServices.GetRequiredService<ITextCatalog>();
        context.ProblemDetails.Type = "urn:modular:error:" + code;
        // Status code pages write after the request's culture scope has ended: take the culture the request negotiated.
        var culture = context.HttpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName ?? PortalText.Culture;
        context.ProblemDetails.Title = texts.Describe(new Error(code), culture);
        context.ProblemDetails.Extensions["code"] = code;
        // What the framework could not read (a JSON path, a parameter's name); never a server error's details.
        if (context.Exception is BadHttpRequestException bad)
        {
            context.ProblemDetails.Detail = bad.InnerException is System.Text.Json.JsonException json ? json.Message : bad.Message;
        }
    }
}
