using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modular.Accounts.Contracts;
using Modular.Core.Localization;
using Modular.Web.Api;
using Modular.Web.Security;

namespace Modular.Accounts.Web.Api;

/// <summary>Contracts of the token's owner on <c>/api/v1</c>.</summary>
internal static class AccountsApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/contracts", (IMediator m, ITextCatalog t, CancellationToken ct) => ApiProblems.SendAsync(m, t, new GetMyContracts(), ct))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetContracts").WithSummary("Contracts of the token owner's client codes.").Produces<IReadOnlyList<ContractSummary>>();
}
