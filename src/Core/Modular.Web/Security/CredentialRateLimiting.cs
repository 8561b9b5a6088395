using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Modular.Web.Platform;

namespace Modular.Web.Security;

/// <summary>Throttles attempts at credentials (log-in, registration, password reset) per client address.</summary>
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
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
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

    /// <summary>Marks the pages that take credentials.</summary>
    public static void LimitCredentialPages(this Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options, params string[] pages)
    {
        foreach (var page in pages)
        {
            options.Conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(Policy)));
        }
    }
}
