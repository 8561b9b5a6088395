using Modular.Core.Localization;
using Modular.Core.Results;
using Modular.Web.Localization;

namespace Modular.Web.Api;

/// <summary>Turns a failed <see cref="Result"/> into RFC 9457 problem details that carry the stable error code(s).</summary>
internal static class ApiProblems
{
    public static IResult From(Result result, ITextCatalog texts)
    {
        var first = result.Error;
        var status = StatusFor(result.Errors);
        var culture = PortalText.Culture;
        var errors = result.Errors.Select(e => new ApiError(e.Code, e.Field, texts.Describe(e, culture))).ToList();
        return Results.Problem(
            statusCode: status,
            title: texts.Describe(first, culture),
            type: "urn:modular:error:" + first.Code,
            extensions: new Dictionary<string, object?> { ["code"] = first.Code, ["errors"] = errors });
    }

    public static IResult Ok<T>(Result<T> result, ITextCatalog texts) => result.IsSuccess ? Results.Ok(result.Value) : From(result, texts);

    /// <summary>Foreign ids are "not found", never "forbidden": the API does not confirm that someone else's record exists.</summary>
    public static int StatusFor(IReadOnlyList<Error> errors) => errors[0].Code switch
    {
        CoreErrors.NotFound or CoreErrors.Forbidden => StatusCodes.Status404NotFound,
        CoreErrors.Conflict => StatusCodes.Status409Conflict,
        _ when errors[0].Code.EndsWith("_not_found", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}

/// <summary>One error of a problem: its stable code, the input field it concerns, and the message in the caller's language.</summary>
public sealed record ApiError(string Code, string? Field, string Message);
