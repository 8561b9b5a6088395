using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modular.Core.Localization;
using Modular.Payments.Contracts;
using Modular.Web.Api;
using Modular.Web.Security;

namespace Modular.Payments.Web.Api;

/// <summary>Payments of the token's owner on <c>/api/v1</c>.</summary>
internal static class PaymentsApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/payments", (IMediator m, ITextCatalog t, CancellationToken ct) => ApiProblems.SendAsync(m, t, new GetMyPayments(100), ct))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetPayments").WithSummary("Payments, newest first, every channel.").Produces<IReadOnlyList<PaymentSummary>>();
}
