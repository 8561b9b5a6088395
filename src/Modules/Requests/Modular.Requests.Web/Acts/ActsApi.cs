using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modular.Core.Localization;
using Modular.Requests.Contracts;
using Modular.Web.Api;
using Modular.Web.Security;

namespace Modular.Requests.Web.Acts;

/// <summary>The token owner's inspection acts on <c>/api/v1</c>: the list and each act's signed document (another customer's answers 404).</summary>
internal static class ActsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var read = api.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.Read);
        read.MapGet("/acts", (IMediator m, ITextCatalog t, Guid? contractId, CancellationToken ct) => ApiProblems.SendAsync(m, t, new GetMyActs(contractId), ct))
            .WithName("GetActs").WithSummary("Inspection acts of the token owner's contracts, newest first (optionally one contract's).")
            .Produces<IReadOnlyList<ActView>>();
        read.MapGet("/acts/{id:guid}/document", DocumentAsync)
            .WithName("GetActDocument").WithSummary("The act's signed document (PDF).").Produces(200, contentType: "application/pdf").ProducesProblem(404);
    }

    private static async Task<IResult> DocumentAsync(IMediator mediator, ITextCatalog texts, Guid id, CancellationToken ct)
    {
        var document = await mediator.Send(new GetActDocument(id), ct);
        return document.IsSuccess
            ? Results.File(document.Value.Content, document.Value.ContentType, document.Value.FileName)
            : ApiProblems.From(document, texts);
    }
}
