using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Modular.Core.Diagnostics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Modular.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for a Modular host: Modular's activity source and meter (mediator requests, outbox and whatever else
/// reports there), ASP.NET Core, PostgreSQL through Npgsql's own source and meter, EF Core's and the runtime's meters;
/// exported over OTLP when an endpoint is configured. Off unless configured: nothing listens and the instruments cost
/// next to nothing.
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>Sources and meters besides Modular's own: Npgsql reports commands and pool use itself (no extra package).</summary>
    public static readonly string[] ActivitySources = [ModularDiagnostics.Name, "Npgsql"];

    public static readonly string[] Meters = [ModularDiagnostics.Name, "Npgsql", "Microsoft.EntityFrameworkCore", "System.Runtime"];

    public static void Configure(IHostApplicationBuilder builder, TelemetryOptions options)
    {
        if (options.JsonConsole)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);
        }

        if (!options.Active)
        {
            return;
        }

        var otlp = options.Otlp;
        var exporting = otlp.Exporting;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ActivitySources)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"));
                if (exporting)
                {
                    tracing.AddOtlpExporter(o => Apply(o, otlp, "v1/traces"));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddAspNetCoreInstrumentation();
                if (exporting)
                {
                    metrics.AddOtlpExporter((o, reader) =>
                    {
                        Apply(o, otlp, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = otlp.MetricIntervalSeconds * 1000;
                    });
                }
            });
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
            if (exporting)
            {
                logging.AddOtlpExporter(o => Apply(o, otlp, "v1/logs"));
            }
        });
    }

    /// <summary>A configured endpoint is the collector's base: over HTTP each signal goes to its own path under it.</summary>
    private static void Apply(OtlpExporterOptions exporter, OtlpSettings settings, string signalPath)
    {
        exporter.Protocol = settings.Protocol;
        if (!string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            var endpoint = settings.Endpoint.TrimEnd('/');
            exporter.Endpoint = new Uri(settings.Protocol == OtlpExportProtocol.HttpProtobuf ? endpoint + "/" + signalPath : endpoint);
        }

        if (!string.IsNullOrWhiteSpace(settings.Headers))
        {
            exporter.Headers = settings.Headers;
        }
    }
}
