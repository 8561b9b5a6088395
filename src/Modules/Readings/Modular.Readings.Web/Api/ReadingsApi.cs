using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modular.Core.Localization;
using Modular.Readings.Contracts;
using Modular.Web.Api;
using Modular.Web.Localization;
using Modular.Web.Security;

namespace Modular.Readings.Web.Api;

/// <summary>Meters and readings of the token's owner on <c>/api/v1</c>.</summary>
internal static class ReadingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var read = api.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.Read);
        read.MapGet("/meters", (IMediator m, ITextCatalog t, CancellationToken ct) => ApiProblems.SendAsync(m, t, new GetMyMeters(), ct))
            .WithName("GetMeters").WithSummary("Meters with previous index and the reading window.").Produces<IReadOnlyList<MeterView>>();
        read.MapGet("/meters/{id:guid}/readings", (IMediator m, ITextCatalog t, Guid id, CancellationToken ct) =>
                ApiProblems.SendAsync(m, t, new GetReadingHistory(id, null), ct))
            .WithName("GetReadings").WithSummary("Readings of a meter, newest first.").Produces<IReadOnlyList<ReadingView>>().ProducesProblem(404);

        api.MapPost("/meters/{id:guid}/readings", SubmitAsync).RequireAuthorization(ApiPolicies.For(ReadingsWebModule.SubmitReadingsScope))
            .WithName("SubmitReading")
            .WithSummary("Submits an index. When the consumption needs confirmation nothing is stored (stored=false, warnings listed); send again with confirmWarnings=true.")
            .Produces<ApiSubmission>().ProducesProblem(422).ProducesProblem(404);
    }

    private static async Task<IResult> SubmitAsync(IMediator mediator, ITextCatalog texts, Guid id, ReadingSubmission body, CancellationToken ct)
    {
        var result = await mediator.Send(new SubmitReading(id, body.Index, body.ConfirmWarnings), ct);
        if (result.IsFailure)
        {
            return ApiProblems.From(result, texts);
        }

        var culture = PortalText.Culture;
        return Results.Ok(new ApiSubmission(result.Value, result.Warnings.Select(w => new ApiError(w.Code, w.Field, texts.Describe(w, culture))).ToList()));
    }
}

/// <summary>An index to submit; <see cref="ConfirmWarnings"/> confirms a consumption the portal warned about.</summary>
public sealed record ReadingSubmission(decimal Index, bool ConfirmWarnings = false);

/// <summary>What a submission did (stored or waiting for confirmation) and the warnings to confirm.</summary>
public sealed record ApiSubmission(SubmissionOutcome Outcome, IReadOnlyList<ApiError> Warnings);
