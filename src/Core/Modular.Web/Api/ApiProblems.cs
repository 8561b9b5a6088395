using MediatR;
using Modular.Core.Localization;
using Modular.Core.Results;
using Modular.Web.Localization;

namespace Modular.Web.Api;

/// <summary>
/// Answers of API endpoints: a successful <see cref="Result"/> as JSON, a failed one as RFC 9457 problem details that
/// carry the stable error code(s) and messages in the caller's language.
/// </summary>
public static class ApiProblems
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

    /// <summary>Sends <paramref name="request"/> and answers its value or its problem.</summary>
    public static async Task<IResult> SendAsync<T>(IMediator mediator, ITextCatalog texts, IRequest<Result<T>> request, CancellationToken ct) =>
        Ok(await mediator.Send(request, ct), texts);

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
