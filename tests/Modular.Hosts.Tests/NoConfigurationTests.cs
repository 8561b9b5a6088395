using System.Text.Json;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace Modular.Hosts.Tests;

/// <summary>Hosts started from a source tree with no configuration share one database and one mail folder.</summary>
public sealed class NoConfigurationTests
{
    [Fact]
    public async Task The_portal_the_worker_and_the_kiosk_started_from_a_clone_share_one_database_and_one_mail_folder()
    {
        var tree = Directory.CreateTempSubdirectory("modular-clone").FullName;
        await File.WriteAllTextAsync(Path.Combine(tree, "Modular.sln"), string.Empty);
        string Folder(string host) => Directory.CreateDirectory(Path.Combine(tree, "src", "Hosts", host)).FullName;
        var data = Path.Combine(tree, "data");
        // Not storage, mail or address settings: only the demo data is left out, to keep the test short.
        var quiet = new Dictionary<string, string> { ["Modular__Demo__Enabled"] = "false" };

        await using var web = HostProcess.Start("Modular.Web.Host", Folder("Web"), quiet, web: true);
        await web.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        await using var worker = HostProcess.Start("Modular.Worker", Folder("Worker"), new Dictionary<string, string>(), web: false);
        await using var kiosk = HostProcess.Start("Modular.Kiosk", Folder("Kiosk"), new Dictionary<string, string>(), web: true);
        await kiosk.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        var healthFile = Path.Combine(tree, "src", "Hosts", "Worker", "worker-health.json");
        await Until(() => File.Exists(healthFile) || worker.HasExited, worker);
        (await File.ReadAllTextAsync(healthFile)).ShouldContain("\"status\":\"Healthy\"");

        foreach (var host in new[] { web, worker, kiosk })
        {
            host.Output.ShouldContain($"database: SQLite {Path.Combine(data, "modular.db")}");
            host.Output.ShouldContain($"pickup folder {Path.Combine(data, "mail-pickup")}");
        }

        // The one file holds every host's tables, and the portal left its address for the worker's links.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "modular.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_\\_%migrations' ESCAPE '\\'";
        var histories = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                histories.Add(reader.GetString(0));
            }
        }

        histories.ShouldBe(["__accounts_migrations", "__billing_migrations", "__core_migrations", "__notifications_migrations", "__payments_migrations", "__readings_migrations", "__requests_migrations", "__kiosks_migrations", "__web_migrations"],
            ignoreOrder: true);
        (await File.ReadAllTextAsync(Path.Combine(data, "addresses", "portal.url"))).ShouldBe(web.Url);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_host_asked_for_json_logs_writes_one_json_object_per_line()
    {
        var folder = Directory.CreateTempSubdirectory("modular-json").FullName;
        await using var kiosk = HostProcess.Start("Modular.Kiosk", folder, new Dictionary<string, string>
        {
            ["Modular__Telemetry__JsonConsole"] = "true",
            ["Modular__DataFolder"] = folder,
        }, web: true);
        await kiosk.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));

        var line = kiosk.Output.Split('\n').First(l => l.Contains("Data folder", StringComparison.Ordinal));
        var log = JsonDocument.Parse(line).RootElement;
        log.GetProperty("Category").GetString().ShouldBe("Modular.Core.Composition.StartReport");
        log.GetProperty("LogLevel").GetString().ShouldBe("Information");
        log.GetProperty("State").GetProperty("DataFolder").GetString().ShouldBe(folder);
        log.GetProperty("Timestamp").GetString()!.ShouldEndWith("Z");
    }

    private static Task Until(Func<bool> condition, HostProcess process) =>
        Poll.UntilAsync(condition, "the host's state; its output:\n" + process.Output, TimeSpan.FromMinutes(3));
}
