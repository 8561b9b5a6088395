using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modular.Notifications.Contracts;
using Modular.Notifications.Web.Endpoints;

namespace Modular.Notifications.Web.Inbound;

/// <summary>
/// <c>POST /notifications/sms/inbound</c>: SMS customers send to the utility's number, signed by the provider exactly like the
/// delivery reports (<see cref="DeliveryWebhook.TimestampHeader"/>, <see cref="DeliveryWebhook.SignatureHeader"/>). Answers
/// 200 with the outcome (the reply went out by SMS), 401 for a bad or stale signature, 400 for a body it cannot read.
/// </summary>
public static class InboundWebhook
{
    public const string Path = "/notifications/sms/inbound";

    public static IEndpointRouteBuilder MapInboundSmsWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IMediator mediator)
    {
        if (context.Request.ContentLength > DeliveryWebhook.MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[DeliveryWebhook.MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        if (read > DeliveryWebhook.MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var result = await mediator.Send(new ReceiveInboundSms(new string(buffer, 0, read), context.Request.Headers[DeliveryWebhook.TimestampHeader].FirstOrDefault(),
            context.Request.Headers[DeliveryWebhook.SignatureHeader].FirstOrDefault()), context.RequestAborted);
        if (result.IsSuccess)
        {
            return Results.Ok(new { outcome = result.Value.Outcome, repeated = result.Value.Repeated });
        }

        return result.Error.Code is "notifications.signature_invalid" or "notifications.signature_stale" ? Results.Unauthorized() : Results.BadRequest();
    }
}
