using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Modular.Core.Composition;
using Modular.Core.Json;
using Modular.Core.Money;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using Modular.Core.Tests.TestModule;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>Where a host keeps its files without configuration, the PostgreSQL pool default, and JSON for hosts.</summary>
public sealed class HostFilesTests
{
    [Fact]
    public void Hosts_started_anywhere_in_a_source_tree_find_the_data_folder_beside_the_solution()
    {
        var tree = Directory.CreateTempSubdirectory("modular-tree").FullName;
        File.WriteAllText(Path.Combine(tree, "Modular.sln"), string.Empty);
        var web = Directory.CreateDirectory(Path.Combine(tree, "src", "Hosts", "Web")).FullName;
        var worker = Directory.CreateDirectory(Path.Combine(tree, "src", "Hosts", "Worker", "bin")).FullName;

        DataFolder.Resolve(Empty(), web).Path.ShouldBe(Path.Combine(tree, "data"));
        DataFolder.Resolve(Empty(), worker).Path.ShouldBe(Path.Combine(tree, "data"));
    }

    [Fact]
    public void Outside_a_source_tree_the_data_folder_is_in_the_content_root_unless_configured()
    {
        var root = Directory.CreateTempSubdirectory("modular-app").FullName;
        DataFolder.Resolve(Empty(), root).Path.ShouldBe(Path.Combine(root, "data"));
        DataFolder.Resolve(Settings(("Modular:DataFolder", "shared")), root).Path.ShouldBe(Path.Combine(root, "shared"));
        DataFolder.Resolve(Settings(("Modular:DataFolder", "/srv/modular")), root).Path.ShouldBe("/srv/modular");
    }

    [Fact]
    public void A_relative_sqlite_file_is_placed_in_the_data_folder_and_absolute_or_memory_ones_are_kept()
    {
        var data = DataFolder.Resolve(Settings(("Modular:DataFolder", "/srv/modular/data")), "/");
        data.PlaceSqlite("Data Source=portal.db").ShouldBe("Data Source=/srv/modular/data/portal.db");
        data.PlaceSqlite("Data Source=/var/lib/portal.db;Default Timeout=60").ShouldBe("Data Source=/var/lib/portal.db;Default Timeout=60");
        data.PlaceSqlite("Data Source=:memory:").ShouldBe("Data Source=:memory:");
        data.PlaceSqlite("Data Source=shared;Mode=Memory;Cache=Shared").ShouldBe("Data Source=shared;Mode=Memory;Cache=Shared");
    }

    [Fact]
    public void The_postgres_pool_stays_below_the_servers_default_limit_unless_the_connection_string_sets_one()
    {
        var chosen = new Npgsql.NpgsqlConnectionStringBuilder(StorageRegistration.WithPoolLimit("Host=db;Database=portal", 20));
        chosen.MaxPoolSize.ShouldBe(20);
        StorageRegistration.WithPoolLimit("Host=db;Database=portal;Maximum Pool Size=7", 20).ShouldBe("Host=db;Database=portal;Maximum Pool Size=7");
        StorageRegistration.WithPoolLimit("Host=db;MaxPoolSize=70", 20).ShouldBe("Host=db;MaxPoolSize=70");

        var options = StorageRegistration.BuildOptions<CountersDbContext>(
            new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=db;Database=portal" }, "Counters");
        using var context = new CountersDbContext(options);
        new Npgsql.NpgsqlConnectionStringBuilder(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(context.Database))
            .MaxPoolSize.ShouldBe(new StorageOptions().MaxPoolSize);
    }

    [Fact]
    public void Host_json_writes_nodatime_values_as_iso_text_exactly_as_the_outbox_stores_them()
    {
        var value = new Sample(Instant.FromUtc(2026, 11, 25, 10, 0, 30).PlusNanoseconds(500_000_000), new LocalDate(2026, 2, 28),
            new YearMonth(2026, 11), Currency.Of("RON"), Sample.Kind.Settled);
        var host = JsonSerializer.Serialize(value, ModularJson.Options);
        host.ShouldBe("""{"at":"2026-11-25T10:00:30.5Z","day":"2026-02-28","period":"2026-11","currency":"RON","state":"Settled"}""");
        JsonSerializer.Serialize(value, IntegrationEventSerializer.Options).ShouldBe(host);
        JsonSerializer.Deserialize<Sample>(host, IntegrationEventSerializer.Options).ShouldBe(value);
        JsonSerializer.Deserialize<Sample>(host, ModularJson.Options).ShouldBe(value);
    }

    private sealed record Sample(Instant At, LocalDate Day, YearMonth Period, Currency Currency, Sample.Kind State)
    {
        public enum Kind
        {
            Pending,
            Settled,
        }
    }

    private static IConfiguration Empty() => new ConfigurationBuilder().Build();

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();
}
