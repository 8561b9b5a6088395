using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Modular.Core.Composition;
using Modular.Core.Json;
using Modular.Core.Links;
using Modular.Hosting.Health;
using Modular.Hosting.Links;
using Modular.Hosting.Telemetry;

namespace Modular.Hosting;

public static class ModularDefaults
{
    /// <summary>
    /// What every Modular host wants besides its modules (call it beside <c>AddModular</c>): health endpoints' services
    /// (cached readiness, the details policy), OpenTelemetry and JSON console logs by configuration
    /// (<c>Modular:Telemetry</c>), NodaTime-aware JSON for HTTP APIs, and links to the public surfaces this host serves
    /// (<paramref name="serves"/>: e.g. <see cref="PublicSurface.Portal"/> for the portal; none for a worker).
    /// </summary>
    public static TBuilder AddModularDefaults<TBuilder>(this TBuilder builder, params PublicSurface[] serves)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddValidatedOptions<HealthOptions>(builder.Configuration, ModularBuilder.SectionName + ":Health");
        services.AddValidatedOptions<TelemetryOptions>(builder.Configuration, ModularBuilder.SectionName + ":Telemetry");
        services.AddHealthChecks();
        services.TryAddSingleton<ReadinessCache>();
        services.TryAddSingleton<IHealthDetailsPolicy, HealthTokenPolicy>();

        var telemetry = builder.Configuration.GetSection(ModularBuilder.SectionName + ":Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        TelemetrySetup.Configure(builder, telemetry);

        services.Configure<JsonOptions>(o => ModularJson.Configure(o.SerializerOptions));
        if (builder.Configuration.GetValue(ModularBuilder.SectionName + ":TrimAfterStart", true))
        {
            services.AddHostedService<StartupTrim>();
        }

        IReadOnlySet<PublicSurface> surfaces = serves.ToHashSet();
        if (surfaces.Count > 0)
        {
            services.AddSingleton(surfaces);
            services.AddSingleton<IServedSurfaces>(sp => new ServedSurfaces(sp, surfaces));
            services.AddHostedService<SurfaceAddressRecorder>();
        }

        return builder;
    }

    /// <summary>Maps <c>/health/live</c>, <c>/health/ready</c> and <c>/health</c> (the same as ready), open to anonymous callers.</summary>
    public static TEndpoints MapModularDefaults<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        HealthEndpoints.Map(endpoints);
        return endpoints;
    }
}
