using Autofac;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Core.Links;
using Modular.Core.Localization;
using Modular.Payments.Contracts;

namespace Modular.Payments.Web.Gateway;

/// <summary>
/// The payment gateways' web endpoints: <c>POST /payments/callback/{gateway}</c> and the sandbox gateway's hosted page
/// <c>GET|POST /payments/sandbox/pay/{reference}</c> (not found while the sandbox is disabled). The web shell maps them
/// through <see cref="PaymentsWebModule"/>; a host without the shell maps them with <see cref="MapPaymentGateways"/>.
/// </summary>
public static class GatewayEndpoints
{
    public const string Prefix = "/payments";

    /// <summary>The named HTTP client the sandbox posts its callbacks with (registered by the Payments module).</summary>
    private const string SandboxClient = "Modular.Payments.Sandbox";

    public static IEndpointRouteBuilder MapPaymentGateways(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Prefix + "/callback/{gateway}", HandleCallbackAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Prefix + "/sandbox/pay/{reference}", SandboxPage.ShowAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Prefix + "/sandbox/pay/{reference}", DecideOnSandboxPageAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleCallbackAsync(string gateway, HttpContext context)
    {
        var body = await ReadLimitedAsync(context.Request, ReceiveGatewayCallback.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var received = await SendAsSystemAsync(context, new ReceiveGatewayCallback(gateway, headers, body));
        if (received.IsFailure && received.Error.Field is not null)
        {
            // A gateway's operators read this in their logs: English.
            var text = context.RequestServices.GetRequiredService<ITextCatalog>().Describe(received.Error, "en");
            return Results.Problem(text, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["code"] = received.Error.Code, ["field"] = received.Error.Field });
        }

        return received.IsFailure ? Results.NotFound() : received.Value switch
        {
            GatewayCallbackOutcome.Applied => Results.Ok(),
            GatewayCallbackOutcome.Refused => Results.Unauthorized(),
            GatewayCallbackOutcome.Mismatch => Results.UnprocessableEntity(),
            _ => Results.NotFound(),
        };
    }

    /// <summary>The tester's choice: post the signed callback to this host (as the gateway would), then send the browser back.</summary>
    private static async Task<IResult> DecideOnSandboxPageAsync(string reference, HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var decided = await SendAsSystemAsync(context, new DecideSandboxPayment(reference, SandboxPage.SessionOf(context),
            form?[SandboxPage.TokenField], string.Equals(form?["decision"], "approve", StringComparison.Ordinal)));
        if (decided.IsFailure)
        {
            return decided.HasError(Core.Results.CoreErrors.NotFound) ? Results.NotFound() : SandboxPage.Refuse(context, decided.Error.Code);
        }

        var decision = decided.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{CallbackBase(context)}{Prefix}/callback/{decision.Gateway}")
        {
            Content = new ByteArrayContent(decision.CallbackBody),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in decision.CallbackHeaders)
        {
            request.Headers.Add(name, value);
        }

        var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(SandboxClient);
        using var response = await client.SendAsync(request, context.RequestAborted);
        var separator = decision.ReturnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect(
            $"{decision.ReturnUrl}{separator}payment={decision.PaymentId}&reference={Uri.EscapeDataString(reference)}&callback={(int)response.StatusCode}");
    }

    /// <summary>The request body, or null when it is longer than <paramref name="max"/> bytes (read no further than that).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Where the sandbox posts its callback: this process's own listening address, else the portal's public address –
    /// never the request's Host header, which a client could point at any other host or port.
    /// </summary>
    private static string CallbackBase(HttpContext context)
    {
        var addresses = context.RequestServices.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var own = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault();
        if (own is not null && Uri.TryCreate(own.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            var host = uri.Host is "0.0.0.0" ? "127.0.0.1" : uri.Host is "[::]" or "::" ? "[::1]" : uri.Host;
            return $"{uri.Scheme}://{host}:{uri.Port}";
        }

        var configured = context.RequestServices.GetRequiredService<IPublicLinks>().TryBaseOf(PublicSurface.Portal);
        return Uri.TryCreate(configured, UriKind.Absolute, out var publicBase)
            ? publicBase.GetLeftPart(UriPartial.Authority)
            : throw new InvalidOperationException(
                "The sandbox cannot tell where to post its callback: this host listens on no address; set Modular:Links:Portal.");
    }

    /// <summary>Gateways and the sandbox's visitors are not portal users: their requests run as the system.</summary>
    internal static async Task<TResponse> SendAsSystemAsync<TResponse>(HttpContext context, IRequest<TResponse> request)
    {
        await using var scope = context.RequestServices.BeginCallerScope(Caller.System.From(context.Connection.RemoteIpAddress?.ToString()));
        return await scope.Resolve<IMediator>().Send(request, context.RequestAborted);
    }
}
