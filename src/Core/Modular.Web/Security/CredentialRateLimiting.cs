using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Modular.Core.Limits;
using Modular.Web.Platform;

namespace Modular.Web.Security;

/// <summary>
/// Throttles attempts at credentials (log-in, registration, password reset) per client network (an IPv4 address, an IPv6
/// /64, which one subscriber may rotate through at will), and answers 503 with Retry-After when the bounded password
/// hashing is saturated (<see cref="ServerBusyException"/>), so a login flood cannot slow down signed-in traffic.
/// </summary>
internal static class CredentialRateLimiting
{
    public const string Policy = "credentials";

    public static IServiceCollection AddCredentialRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                // Only submissions count; showing the form is free.
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var permits = context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.CredentialAttemptsPerMinute;
                var address = ClientAddresses.Partition(context.Connection.RemoteIpAddress) ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });

    /// <summary>Answers work refused by a full <see cref="WorkGate"/> with 503 and Retry-After; nothing was done.</summary>
    public static IApplicationBuilder UseBusyAnswers(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (ServerBusyException busy) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    });

    /// <summary>Marks the pages that take credentials.</summary>
    public static void LimitCredentialPages(this Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options, params string[] pages)
    {
        foreach (var page in pages)
        {
            options.Conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(Policy)));
        }
    }
}
