using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts;
using Modular.Accounts.Contracts;
using Modular.Core.Diagnostics;
using Modular.TestSupport;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shouldly;
using Xunit;

namespace Modular.Hosting.Tests;

/// <summary>With an OTLP endpoint configured, traces, metrics and logs reach a real OTLP/HTTP receiver.</summary>
public abstract class TelemetryTests(TestDatabase database)
{
    [DbFact]
    public async Task Requests_http_calls_the_database_and_the_modular_meter_are_exported_over_otlp()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var outboxLike = ModularDiagnostics.Meter.CreateCounter<long>("modular.test.delivered");
        await using var host = await DefaultsHost.StartAsync(database, m => m.AddAccounts(), settings: new Dictionary<string, string?>
        {
            ["Modular:Telemetry:Otlp:Endpoint"] = collector.Address,
        });
        host.App.Services.GetRequiredService<TracerProvider>().ShouldNotBeNull();

        var found = await host.SendAsync(new FindCustomerByClientCode("999999"));
        found.IsFailure.ShouldBeTrue();
        outboxLike.Add(3);
        using var client = host.Client();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/nowhere")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The server ends a request's span just after the client has its answer: flush until it is there.
        await Eventually.TrueAsync(() =>
        {
            host.App.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();
            host.App.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
            return collector.Text("/v1/traces").Contains("/nowhere", StringComparison.Ordinal)
                && collector.Text("/v1/metrics").Contains("http.server.request.duration", StringComparison.Ordinal);
        });

        var traces = collector.Text("/v1/traces");
        traces.ShouldContain(nameof(FindCustomerByClientCode));
        traces.ShouldContain("modular.outcome");
        traces.ShouldContain(found.Errors[0].Code);
        traces.ShouldContain("/nowhere");
        traces.ShouldNotContain("/health/live"); // probes are not traced
        if (database.Provider == Core.Persistence.StorageProvider.Postgres)
        {
            traces.ShouldContain("postgresql"); // Npgsql's own spans
        }

        var metrics = collector.Text("/v1/metrics");
        metrics.ShouldContain("modular.request.duration");
        metrics.ShouldContain("modular.test.delivered");
        metrics.ShouldContain("http.server.request.duration");
    }

    /// <summary>A minimal OTLP/HTTP receiver on Kestrel: keeps every body posted, by path (protobuf keeps names as plain UTF-8).</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _bodies;

        private OtlpReceiver(WebApplication app, ConcurrentDictionary<string, ConcurrentQueue<byte[]>> bodies)
        {
            _app = app;
            _bodies = bodies;
            Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }

        public string Address { get; }

        public static async Task<OtlpReceiver> StartAsync()
        {
            var bodies = new ConcurrentDictionary<string, ConcurrentQueue<byte[]>>();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.MapPost("/{**path}", async (HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                bodies.GetOrAdd(context.Request.Path.Value!, _ => new()).Enqueue(buffer.ToArray());
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync();
            return new OtlpReceiver(app, bodies);
        }

        public string Text(string path) => _bodies.TryGetValue(path, out var bodies)
            ? string.Join("\n", bodies.Select(b => Encoding.UTF8.GetString(b)))
            : string.Empty;

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

public sealed class SqliteTelemetryTests(SqliteDatabase database) : TelemetryTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresTelemetryTests(PostgresDatabase database) : TelemetryTests(database), IClassFixture<PostgresDatabase>;
