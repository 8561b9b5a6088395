using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace Modular.Hosting;

/// <summary><c>Modular:Health</c>: how readiness is cached and who may see per-check details.</summary>
public sealed class HealthOptions : IValidatableObject
{
    /// <summary>One readiness evaluation answers every caller for this long (0: each caller after the last evaluation finished starts a new one).</summary>
    [Range(0, 300)]
    public int CacheSeconds { get; set; } = 5;

    /// <summary>A secret that, sent in <see cref="DetailsHeader"/>, shows each check's status, description, duration and data. Unset: nobody sees details.</summary>
    public string? DetailsToken { get; set; }

    [Required]
    public string DetailsHeader { get; set; } = "X-Health-Token";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DetailsToken is { } token && token.Length < 16)
        {
            yield return new ValidationResult("DetailsToken needs at least 16 characters.", [nameof(DetailsToken)]);
        }
    }
}

/// <summary><c>Modular:Telemetry</c>: OpenTelemetry export and the console log format.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    /// <summary>Start OpenTelemetry even without an OTLP endpoint (for exporters the host adds itself). An endpoint implies it.</summary>
    public bool Enabled { get; set; }

    public OtlpSettings Otlp { get; set; } = new();

    /// <summary>Write console logs as one JSON object per line (with scopes: trace and span ids), for log collectors.</summary>
    public bool JsonConsole { get; set; }

    /// <summary>Whether the OpenTelemetry SDK runs: switched on, or an endpoint set here or in <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    internal bool Active => Enabled || Otlp.Exporting;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Otlp.Endpoint is { Length: > 0 } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"'{endpoint}' is not an absolute URL.", ["Otlp:Endpoint"]);
        }
    }
}

/// <summary><c>Modular:Telemetry:Otlp</c>.</summary>
public sealed class OtlpSettings
{
    /// <summary>The collector's base address, e.g. <c>http://collector:4318</c> (HTTP) or <c>http://collector:4317</c> (gRPC). Unset: no export.</summary>
    public string? Endpoint { get; set; }

    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>Extra headers for the collector (e.g. an API key): <c>name=value,name2=value2</c>.</summary>
    public string? Headers { get; set; }

    /// <summary>How often metrics are sent.</summary>
    [Range(1, 3600)]
    public int MetricIntervalSeconds { get; set; } = 15;

    internal bool Exporting => !string.IsNullOrWhiteSpace(Endpoint)
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
}
