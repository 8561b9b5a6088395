using MediatR;
using Modular.Accounts.Contracts;
using Modular.Core.Localization;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Web.Composition;
using Modular.Web.Localization;

namespace Modular.Web.Api;

/// <summary>Contracts, meters and readings of the token's owner on <c>/api/v1</c>.</summary>
internal static class AccountsReadingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var read = api.MapGroup(string.Empty).RequireAuthorization(PortalServices.ApiReadPolicy);
        read.MapGet("/contracts", (IMediator m, ITextCatalog t, CancellationToken ct) => SendAsync(m, t, new GetMyContracts(), ct))
            .WithName("GetContracts").WithSummary("Contracts of the token owner's client codes.").Produces<IReadOnlyList<ContractSummary>>();
        read.MapGet("/meters", (IMediator m, ITextCatalog t, CancellationToken ct) => SendAsync(m, t, new GetMyMeters(), ct))
            .WithName("GetMeters").WithSummary("Meters with previous index and the reading window.").Produces<IReadOnlyList<MeterView>>();
        read.MapGet("/meters/{id:guid}/readings", (IMediator m, ITextCatalog t, Guid id, CancellationToken ct) =>
                SendAsync(m, t, new GetReadingHistory(id, null), ct))
            .WithName("GetReadings").WithSummary("Readings of a meter, newest first.").Produces<IReadOnlyList<ReadingView>>().ProducesProblem(404);

        api.MapPost("/meters/{id:guid}/readings", SubmitAsync).RequireAuthorization(PortalServices.ApiSubmitReadingsPolicy)
            .WithName("SubmitReading")
            .WithSummary("Submits an index. When the consumption needs confirmation nothing is stored (stored=false, warnings listed); send again with confirmWarnings=true.")
            .Produces<ApiSubmission>().ProducesProblem(422).ProducesProblem(404);
    }

    internal static async Task<IResult> SendAsync<T>(IMediator mediator, ITextCatalog texts, IRequest<Result<T>> request, CancellationToken ct) =>
        ApiProblems.Ok(await mediator.Send(request, ct), texts);

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

public sealed record ApiSubmission(SubmissionOutcome Outcome, IReadOnlyList<ApiError> Warnings);
