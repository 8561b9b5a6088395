using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Modular.Notifications.Contracts;

namespace Modular.Notifications.Web.Endpoints;

/// <summary>
/// <c>POST /notifications/sms/status</c>: the SMS provider's delivery reports, signed (headers <c>X-Modular-Timestamp</c>, unix
/// seconds, and <c>X-Modular-Signature</c>, hex HMAC-SHA256 of <c>{timestamp}.{body}</c> with the shared secret). Answers 200
/// with the number of messages updated, 401 for a bad or stale signature, 409 for a replay, 400 for a body it cannot read.
/// </summary>
public static class DeliveryWebhook
{
    public const string Path = "/notifications/sms/status";

    public const string TimestampHeader = "X-Modular-Timestamp";

    public const string SignatureHeader = "X-Modular-Signature";

    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapDeliveryWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, IMediator mediator)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        if (read > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var report = new ReportSmsDelivery(new string(buffer, 0, read), context.Request.Headers[TimestampHeader].FirstOrDefault(),
            context.Request.Headers[SignatureHeader].FirstOrDefault());
        var result = await mediator.Send(report, context.RequestAborted);
        if (result.IsSuccess)
        {
            return Results.Ok(new { updated = result.Value });
        }

        return result.Error.Code switch
        {
            "notifications.signature_invalid" or "notifications.signature_stale" => Results.Unauthorized(),
            "notifications.report_replayed" => Results.Conflict(),
            _ => Results.BadRequest(),
        };
    }
}
