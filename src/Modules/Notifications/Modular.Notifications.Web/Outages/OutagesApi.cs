using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modular.Core.Localization;
using Modular.Notifications.Contracts;
using Modular.Web.Api;
using Modular.Web.Security;

namespace Modular.Notifications.Web.Outages;

/// <summary>The token owner's outages on <c>/api/v1/outages</c>: current and planned ones at their addresses.</summary>
internal static class OutagesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var read = api.MapGroup("/outages").RequireAuthorization(ApiPolicies.Read);
        read.MapGet(string.Empty, (IMediator m, ITextCatalog t, CancellationToken ct) => ApiProblems.SendAsync(m, t, new GetMyOutages(), ct))
            .WithName("GetOutages")
            .WithSummary("Current and planned outages at the addresses of your contracts, each with the addresses it affects.")
            .Produces<IReadOnlyList<MyOutage>>();
    }
}
