using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime.Text;

namespace Modular.Hosting.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (no check runs, the database is not touched), for restarts by an orchestrator.
/// <c>/health/ready</c> (and <c>/health</c>): the cached readiness report, 200 when healthy or degraded, 503 when
/// unhealthy; the body is the status word, or JSON with every check for callers the details policy admits.
/// </summary>
internal static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    public const string Legacy = "/health";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Live, (HttpContext context) =>
        {
            NoStore(context);
            return Results.Text(nameof(HealthStatus.Healthy), "text/plain");
        }).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(Ready, ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(Legacy, ReadyAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task ReadyAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var readiness = await services.GetRequiredService<ReadinessCache>().GetAsync(context.RequestAborted);
        var report = readiness.Report;
        NoStore(context);
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        if (!await services.GetRequiredService<IHealthDetailsPolicy>().MayShowDetailsAsync(context))
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(report.Status.ToString(), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checkedAt = InstantPattern.ExtendedIso.Format(readiness.CheckedAt),
            totalMilliseconds = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                milliseconds = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                tags = e.Value.Tags,
                error = e.Value.Exception?.Message,
                data = e.Value.Data,
            }),
        }, Json, context.RequestAborted);
    }

    private static readonly JsonSerializerOptions Json = Core.Json.ModularJson.Options;

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";
}
