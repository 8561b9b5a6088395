using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Hosts.Tests;

/// <summary>Each host starts on a real database, applies migrations and answers its health check.</summary>
public abstract class HostStartTests(TestDatabase database)
{
    [DbFact]
    public async Task The_web_host_starts_and_reports_healthy() => await HealthyAsync<Web.HostMarker>();

    [DbFact]
    public async Task The_kiosk_host_starts_and_reports_healthy() => await HealthyAsync<Kiosk.HostMarker>();

    [DbFact]
    public async Task The_worker_starts_and_writes_a_healthy_report()
    {
        var folder = Directory.CreateTempSubdirectory("modular-worker").FullName;
        var healthFile = Path.Combine(folder, "health.json");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Modular.Worker.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Modular__Storage__Provider"] = database.Storage.Provider.ToString();
        start.Environment["Modular__Storage__ConnectionString"] = database.Storage.ConnectionString;
        start.Environment["Modular__Worker__HealthFile"] = healthFile;
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var worker = Process.Start(start)!;
        try
        {
            await Poll.UntilAsync(() => File.Exists(healthFile) || worker.HasExited, "the worker writes its health file");

            worker.HasExited.ShouldBeFalse(worker.HasExited ? await worker.StandardError.ReadToEndAsync() : string.Empty);
            var report = await File.ReadAllTextAsync(healthFile);
            report.ShouldContain("\"status\":\"Healthy\"");
            // Billing 3, Payments 2, Readings 1, Requests 1 (the acts' import folder), Notifications 2 (dispatch, daily reminders),
            // and the expiry of "download my data" archives (declared with Accounts).
            report.ShouldContain("\"schedules\":{\"status\":\"Healthy\",\"Description\":\"10 scheduled job(s) on time\"}");
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
    }

    [DbFact]
    public async Task The_worker_creates_a_staff_account_from_its_command_line_and_prints_its_second_factor_once()
    {
        var email = $"ana-{Guid.NewGuid():N}@utility.example";
        var (exit, output) = await RunWorkerAsync(["staff", "create", "--email", email, "--name", "Ana Pop", "--role", "administrator"]);
        exit.ShouldBe(0, output);
        output.ShouldContain($"Staff member {email} created");
        output.ShouldContain("otpauth://totp/");
        output.ShouldContain("Recovery codes");

        var (again, refused) = await RunWorkerAsync(["staff", "create", "--email", email, "--role", "administrator"]);
        again.ShouldBe(1, refused);
        refused.ShouldContain("error: accounts.");
    }

    /// <summary>Runs the worker's executable with a command line to completion (a deadline, not a sleep); answers its exit code and output.</summary>
    private async Task<(int Exit, string Output)> RunWorkerAsync(string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("modular-worker-cli").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Modular.Worker.dll"), .. args])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Modular__Storage__Provider"] = database.Storage.Provider.ToString();
        start.Environment["Modular__Storage__ConnectionString"] = database.Storage.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [DbFact]
    public async Task The_portal_reports_the_schedules_but_leaves_running_them_to_the_worker()
    {
        await using var factory = Factory<Web.HostMarker>();
        using var client = factory.CreateClient();

        var options = (Microsoft.Extensions.Options.IOptions<Core.Schedules.ScheduleOptions>)factory.Services
            .GetService(typeof(Microsoft.Extensions.Options.IOptions<Core.Schedules.ScheduleOptions>))!;
        options.Value.RunJobs.ShouldBeFalse();
    }

    private WebApplicationFactory<TEntryPoint> Factory<TEntryPoint>()
        where TEntryPoint : class =>
        new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(b => b
            .UseEnvironment("Testing")
            .UseSetting("Modular:Storage:Provider", database.Storage.Provider.ToString())
            .UseSetting("Modular:Storage:ConnectionString", database.Storage.ConnectionString));

    private async Task HealthyAsync<TEntryPoint>()
        where TEntryPoint : class
    {
        await using var factory = Factory<TEntryPoint>();
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/health/live", "/health/ready", "/health" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        }
    }
}

public sealed class SqliteHostStartTests(SqliteDatabase database) : HostStartTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresHostStartTests(PostgresDatabase database) : HostStartTests(database), IClassFixture<PostgresDatabase>;
