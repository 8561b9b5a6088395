using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Core.Health;
using Modular.Hosting.Health;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Hosting.Tests;

/// <summary>Liveness, cached readiness and who sees details, on a real database.</summary>
public abstract class HealthTests(TestDatabase database)
{
    private const string Token = "health-token-0123456789";

    [DbFact]
    public async Task Liveness_answers_without_running_any_check_even_when_the_database_is_unreachable()
    {
        var probe = new ProbeCheck();
        var unreachable = database.Provider == Core.Persistence.StorageProvider.Sqlite
            ? "Data Source=/nonexistent-folder/modular.db;Mode=ReadOnly"
            : new Npgsql.NpgsqlConnectionStringBuilder(database.Storage.ConnectionString) { Database = "modular_missing_" + Guid.NewGuid().ToString("N") }.ConnectionString;
        await using var host = await DefaultsHost.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["Modular:Storage:ConnectionString"] = unreachable,
            ["Modular:Storage:MigrateOnStartup"] = "false",
        }, services: s => s.AddHealthChecks().AddCheck("probe", probe, tags: [HealthTags.Ready]));
        using var client = host.Client();

        var live = await client.GetAsync("/health/live");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await live.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        probe.Calls.ShouldBe(0);

        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
        probe.Calls.ShouldBe(1);
    }

    [DbFact]
    public async Task Concurrent_callers_share_one_readiness_evaluation_which_answers_until_the_cache_time_has_passed()
    {
        var probe = new ProbeCheck { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var host = await DefaultsHost.StartAsync(database,
            services: s => s.AddHealthChecks().AddCheck("probe", probe, tags: [HealthTags.Ready]));
        using var client = host.Client();

        var callers = Enumerable.Range(0, 20).Select(_ => client.GetAsync("/health/ready")).ToList();
        await Eventually.TrueAsync(() => probe.Calls == 1);
        probe.Gate.SetResult();
        foreach (var response in await Task.WhenAll(callers))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        }

        (await client.GetStringAsync("/health")).ShouldBe("Healthy");
        host.Clock.Advance(Duration.FromSeconds(4));
        (await client.GetStringAsync("/health/ready")).ShouldBe("Healthy");
        probe.Calls.ShouldBe(1);

        host.Clock.Advance(Duration.FromSeconds(1));
        (await client.GetStringAsync("/health/ready")).ShouldBe("Healthy");
        probe.Calls.ShouldBe(2);
    }

    [DbFact]
    public async Task Readiness_runs_the_checks_tagged_ready_and_the_storage_check_only()
    {
        var untagged = new ProbeCheck { Status = HealthStatus.Unhealthy };
        var ready = new ProbeCheck();
        await using var host = await DefaultsHost.StartAsync(database, settings: Details(), services: s => s.AddHealthChecks()
            .AddCheck("untagged", untagged)
            .AddCheck("dead-letters", ready, tags: [HealthTags.Ready]));
        using var client = host.Client();

        var checks = (await DetailsAsync(client)).GetProperty("checks");
        checks.EnumerateObject().Select(c => c.Name).Order().ShouldBe(["dead-letters", "storage"]);
        untagged.Calls.ShouldBe(0);

        ready.Status = HealthStatus.Unhealthy;
        host.Clock.Advance(Duration.FromSeconds(5));
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [DbFact]
    public async Task Only_a_caller_with_the_health_token_sees_each_check_and_its_data()
    {
        var probe = new ProbeCheck();
        await using var host = await DefaultsHost.StartAsync(database, settings: Details(),
            services: s => s.AddHealthChecks().AddCheck("probe", probe, tags: [HealthTags.Ready]));
        using var client = host.Client();

        var anonymous = await client.GetAsync("/health/ready");
        anonymous.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await anonymous.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        anonymous.Headers.CacheControl!.NoStore.ShouldBeTrue();

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        wrong.Headers.Add("X-Health-Token", "health-token-guessed-wrong");
        (await (await client.SendAsync(wrong)).Content.ReadAsStringAsync()).ShouldBe("Healthy");

        var details = await DetailsAsync(client);
        details.GetProperty("status").GetString().ShouldBe("Healthy");
        var storage = details.GetProperty("checks").GetProperty("storage");
        storage.GetProperty("status").GetString().ShouldBe("Healthy");
        storage.GetProperty("description").GetString()!.ShouldContain("reachable");
        details.GetProperty("checks").GetProperty("probe").GetProperty("data").GetProperty("calls").GetInt32().ShouldBe(1);
    }

    [DbFact]
    public async Task A_host_replaces_the_details_policy_with_its_own()
    {
        await using var host = await DefaultsHost.StartAsync(database,
            services: s => s.AddSingleton<IHealthDetailsPolicy, StaffHeaderPolicy>());
        using var client = host.Client();

        (await client.GetStringAsync("/health/ready")).ShouldBe("Healthy");
        using var staff = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        staff.Headers.Add("X-Staff", "supervisor");
        var body = await (await client.SendAsync(staff)).Content.ReadAsStringAsync();
        JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    private static Dictionary<string, string?> Details() => new() { ["Modular:Health:DetailsToken"] = Token };

    private static async Task<JsonElement> DetailsAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Add("X-Health-Token", Token);
        var response = await client.SendAsync(request);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>A readiness check that counts its runs and can be held open.</summary>
    private sealed class ProbeCheck : IHealthCheck
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public TaskCompletionSource Gate { get; init; } = CompletedGate();

        public HealthStatus Status { get; set; } = HealthStatus.Healthy;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var calls = Interlocked.Increment(ref _calls);
            await Gate.Task;
            return new HealthCheckResult(Status, "probe", data: new Dictionary<string, object> { ["calls"] = calls });
        }

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }

    private sealed class StaffHeaderPolicy : IHealthDetailsPolicy
    {
        public ValueTask<bool> MayShowDetailsAsync(HttpContext context) => ValueTask.FromResult(context.Request.Headers["X-Staff"] == "supervisor");
    }
}

public sealed class SqliteHealthTests(SqliteDatabase database) : HealthTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresHealthTests(PostgresDatabase database) : HealthTests(database), IClassFixture<PostgresDatabase>;
