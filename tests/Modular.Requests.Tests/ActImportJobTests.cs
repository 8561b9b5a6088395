using Modular.Core.Schedules;
using Modular.Requests.ActImport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>The scheduled acts import: files dropped into the folder are imported once, moved to done/ or failed/ with a report.</summary>
public abstract class ActImportJobTests(TestDatabase database) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "modular-tests", "acts-" + Guid.NewGuid().ToString("N"));

    private ActsHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ActsHost.StartAsync(database, new Dictionary<string, string?> { ["Modular:Requests:ActImportFolder"] = _folder });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [DbFact]
    public async Task Dropped_files_are_imported_with_their_pdfs_once_and_an_unreadable_one_is_set_aside()
    {
        var contract = _host.World.AddContract();
        Directory.CreateDirectory(_folder);
        var csv = $"number,contract,type,date,inspector,findings\n{_host.Number(1)},{contract.ContractNumber},verification,2026-11-20,F-112,Seal intact\n";
        await File.WriteAllTextAsync(Path.Combine(_folder, "2026-11-26.csv"), csv);
        await using (var zip = ActsHost.Zip((_host.Number(1) + ".pdf", ActsHost.Pdf())))
        await using (var file = File.Create(Path.Combine(_folder, "2026-11-26.zip")))
        {
            await zip.CopyToAsync(file);
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.csv"), "serial,date,index\nSN-1,2026-11-01,5\n");

        // The clock starts at 10:00 UTC; the job runs every 30 minutes.
        _host.Host.Clock.Set(Instant.FromUtc(2026, 11, 26, 10, 30, 1));
        var first = (await _host.Host.RunDueJobsAsync()).Single(r => r.Job == ActImportFolderJob.Name);

        first.Message.ShouldBe("1 file(s) imported, 1 set aside in failed/.");
        File.Exists(Path.Combine(_folder, "done", "2026-11-26.csv")).ShouldBeTrue();
        File.Exists(Path.Combine(_folder, "done", "2026-11-26.zip")).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(_folder, "done", "2026-11-26.csv.report.txt"))).ShouldContain("\"imported\":1");
        (await File.ReadAllTextAsync(Path.Combine(_folder, "failed", "broken.csv.report.txt"))).ShouldContain("acts.csv_invalid");
        (await _host.ActsAsync()).ShouldHaveSingleItem().DocumentKey.ShouldNotBeNull();

        // The same file dropped again stores nothing twice.
        File.Copy(Path.Combine(_folder, "done", "2026-11-26.csv"), Path.Combine(_folder, "2026-11-26.csv"));
        _host.Host.Clock.Set(Instant.FromUtc(2026, 11, 26, 11, 0, 1));
        var again = (await _host.Host.RunDueJobsAsync()).Single(r => r.Job == ActImportFolderJob.Name);

        again.Outcome.ShouldBe(ScheduledJobOutcome.Succeeded);
        (await File.ReadAllTextAsync(Path.Combine(_folder, "done", "2026-11-26.csv.report.txt"))).ShouldContain("\"unchanged\":1");
        (await _host.ActsAsync()).Count.ShouldBe(1);
    }
}

public sealed class SqliteActImportJobTests(SqliteDatabase database) : ActImportJobTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresActImportJobTests(PostgresDatabase database) : ActImportJobTests(database), IClassFixture<PostgresDatabase>;
