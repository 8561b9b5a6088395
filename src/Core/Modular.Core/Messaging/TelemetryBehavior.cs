using System.Diagnostics;
using System.Diagnostics.Metrics;
using MediatR;
using Modular.Core.Diagnostics;
using Modular.Core.Results;

namespace Modular.Core.Messaging;

/// <summary>
/// One activity (named after the request) and one duration measurement per request, both tagged with the outcome:
/// <c>ok</c>, the first error code of a refused request (stable codes, so few values), or <c>exception</c>. Costs next
/// to nothing when nobody listens to <see cref="ModularDiagnostics"/>.
/// </summary>
internal sealed class TelemetryBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string Name = typeof(TRequest).Name;

    private static readonly string Kind = typeof(ICommand).IsAssignableFrom(typeof(TRequest))
        || typeof(TRequest).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>))
            ? "command"
            : "query";

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var measure = RequestTelemetry.Duration.Enabled;
        using var activity = ModularDiagnostics.ActivitySource.StartActivity(Name, ActivityKind.Internal);
        if (!measure && activity is null)
        {
            return await next();
        }

        activity?.SetTag(RequestTelemetry.RequestTag, Name);
        activity?.SetTag(RequestTelemetry.KindTag, Kind);
        var started = Stopwatch.GetTimestamp();
        var outcome = "exception";
        try
        {
            var response = await next();
            outcome = response is Result { IsFailure: true } failed ? failed.Errors[0].Code : RequestTelemetry.Ok;
            return response;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity?.AddException(ex);
            throw;
        }
        finally
        {
            activity?.SetTag(RequestTelemetry.OutcomeTag, outcome);
            if (measure)
            {
                RequestTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>(RequestTelemetry.RequestTag, Name),
                    new KeyValuePair<string, object?>(RequestTelemetry.KindTag, Kind),
                    new KeyValuePair<string, object?>(RequestTelemetry.OutcomeTag, outcome));
            }
        }
    }
}

/// <summary>The names the request telemetry reports under (stable: dashboards and alerts use them).</summary>
public static class RequestTelemetry
{
    public const string DurationInstrument = "modular.request.duration";
    public const string RequestTag = "modular.request";
    public const string KindTag = "modular.request.kind";
    public const string OutcomeTag = "modular.outcome";
    public const string Ok = "ok";

    internal static readonly Histogram<double> Duration = ModularDiagnostics.Meter.CreateHistogram(
        DurationInstrument, unit: "s", description: "Time to handle a command or query, by request, kind and outcome.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
}
