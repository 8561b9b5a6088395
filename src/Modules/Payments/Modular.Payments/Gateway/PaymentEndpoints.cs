using Autofac;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Localization;
using Modular.Payments.Domain;
using Modular.Payments.Online;

namespace Modular.Payments.Gateway;

/// <summary>The module's web endpoints: gateway callbacks and, when enabled, the sandbox gateway's hosted page.</summary>
public static class PaymentEndpoints
{
    public const string DefaultPrefix = "/payments";

    /// <summary>
    /// Maps <c>POST /payments/callback/{gateway}</c> and the sandbox page <c>GET|POST /payments/sandbox/pay/{reference}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapModularPayments(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(DefaultPrefix + "/callback/{gateway}", HandleCallbackAsync).DisableAntiforgery();
        if (app.ServiceProvider.GetRequiredService<IOptions<PaymentsOptions>>().Value.Sandbox.Enabled == true)
        {
            app.MapGet(DefaultPrefix + "/sandbox/pay/{reference}", ShowSandboxPageAsync);
            app.MapPost(DefaultPrefix + "/sandbox/pay/{reference}", DecideOnSandboxPageAsync).DisableAntiforgery();
        }

        return app;
    }

    private static async Task<IResult> HandleCallbackAsync(string gateway, HttpContext context)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PaymentEndpoints));
        var port = context.RequestServices.GetServices<IPaymentGateway>().LastOrDefault(g => string.Equals(g.Name, gateway, StringComparison.OrdinalIgnoreCase));
        if (port is null)
        {
            return Results.NotFound();
        }

        var body = await ReadLimitedAsync(context.Request, GatewayFields.MaxCallbackBytes, context.RequestAborted);
        if (body is null)
        {
            logger.LogWarning("Refused a {Gateway} callback: the body is larger than {Max} bytes", gateway, GatewayFields.MaxCallbackBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var verified = port.VerifyCallback(new GatewayCallback(headers, body));
        if (!verified.IsValid)
        {
            logger.LogWarning("Refused a {Gateway} callback: {Reason}", gateway, verified.RejectionReason);
            return Results.Unauthorized();
        }

        await using var scope = SystemScope(context);
        var result = await scope.Resolve<IMediator>().Send(new ApplyGatewayNotification(verified.Notification!), context.RequestAborted);
        if (result.HasError(PaymentErrors.CallbackFieldInvalid))
        {
            var error = result.Error;
            logger.LogWarning("Refused a {Gateway} callback: field {Field} is not valid", gateway, error.Field);
            // A gateway's operators read this in their logs: English.
            var text = scope.Resolve<ITextCatalog>().Describe(error, "en");
            return Results.Problem(text, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["code"] = error.Code, ["field"] = error.Field });
        }

        if (result.IsFailure)
        {
            return Results.NotFound();
        }

        if (result.Value == GatewayApplyOutcome.Mismatch)
        {
            logger.LogWarning("A {Gateway} callback for {Reference} did not match the payment's amount or currency", gateway, verified.Notification!.Reference);
            return Results.UnprocessableEntity();
        }

        return Results.Ok();
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

    private static Task<IResult> ShowSandboxPageAsync(string reference, HttpContext context) => SandboxPage.ShowAsync(reference, context);

    /// <summary>The tester's choice: post the signed callback to this host (as the gateway would), then send the browser back.</summary>
    private static async Task<IResult> DecideOnSandboxPageAsync(string reference, HttpContext context)
    {
        var (refusal, payment, decision) = await SandboxPage.DecideAsync(reference, context);
        if (refusal is not null)
        {
            return refusal;
        }

        var sandbox = context.RequestServices.GetRequiredService<SandboxGateway>();
        var body = SandboxGateway.Serialize(decision!);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{CallbackBase(context)}{DefaultPrefix}/callback/{sandbox.Name}")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in sandbox.Sign(body))
        {
            request.Headers.Add(name, value);
        }

        var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(SandboxGateway.HttpClientName);
        using var response = await client.SendAsync(request, context.RequestAborted);
        var returnUrl = payment!.ReturnUrl!;
        var separator = returnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{returnUrl}{separator}payment={payment.Id}&reference={Uri.EscapeDataString(reference)}&callback={(int)response.StatusCode}");
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

        var configured = context.RequestServices.GetRequiredService<Core.Links.IPublicLinks>().TryBaseOf(Core.Links.PublicSurface.Portal);
        return Uri.TryCreate(configured, UriKind.Absolute, out var publicBase)
            ? publicBase.GetLeftPart(UriPartial.Authority)
            : throw new InvalidOperationException(
                "The sandbox cannot tell where to post its callback: this host listens on no address; set Modular:Links:Portal.");
    }

    private static ILifetimeScope SystemScope(HttpContext context) =>
        context.RequestServices.BeginCallerScope(Caller.System.From(context.Connection.RemoteIpAddress?.ToString()));
}
