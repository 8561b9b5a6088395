using System.Diagnostics;
using System.Globalization;
using Autofac;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Persistence;
using Modular.Core.Testing;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using NodaTime;
using Npgsql;

namespace Modular.Readings.Benchmarks;

internal sealed record BenchSettings(int Meters, int Rounds, int ShortHistory, int LongHistory);

internal static class Bench
{
    private const int Burst = 16;
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Bucharest"];

    // The measured window is January 2026's; history ends with December 2025's reading.
    private static readonly LocalDate Today = new(2026, 1, 26);
    private static readonly LocalDate LastHistoryDate = new(2025, 12, 26);

    public static async Task RunAsync(string label, StorageOptions storage, BenchSettings settings)
    {
        var clock = FakeClock.At(Today.At(new LocalTime(12, 0)), Zone);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Modular:Storage:Provider"] = storage.Provider.ToString(),
            ["Modular:Storage:ConnectionString"] = storage.ConnectionString,
            ["Modular:Outbox:DispatchEnabled"] = "false",
        });
        builder.Logging.ClearProviders();
        builder.AddModular(m => m.UseClock(clock).AddReadings());
        builder.Services.AddScoped<ICurrentUser>(_ => SystemUser.Instance);
        using var host = builder.Build();
        await host.StartAsync();
        var root = host.Services.GetRequiredService<ILifetimeScope>();

        await using var rows = await ReadingRows.OpenAsync(storage);
        var shortMeters = await ArrangeAsync(root, rows, clock, settings.Meters + 2, settings.ShortHistory);
        var longMeters = await ArrangeAsync(root, rows, clock, settings.Meters + 2 + 1, settings.LongHistory);
        var burstMeter = longMeters[^1];
        longMeters.RemoveAt(longMeters.Count - 1);

        // Warm-up: JIT, EF's compiled queries, connection pools; two meters of each kind are left out of the measurement.
        await SubmitAsync(root, shortMeters.Take(2).ToList(), 1);
        await SubmitAsync(root, longMeters.Take(2).ToList(), 1);
        await FloorAsync(rows, clock, 20);

        var total = settings.Meters * settings.Rounds;
        var floor = await FloorAsync(rows, clock, total);
        var shortRun = await SubmitAsync(root, shortMeters.Skip(2).ToList(), settings.Rounds);
        var longRun = await SubmitAsync(root, longMeters.Skip(2).ToList(), settings.Rounds);
        var bursts = await BurstsAsync(root, burstMeter, 3);
        await host.StopAsync();

        var floorRate = total / floor.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-10} floor: prepared single-row INSERT, one connection, one commit each: {floorRate,7:F0} rows/s ({floor.TotalMilliseconds / total:F2} ms)"));
        Report(label, settings.ShortHistory, shortRun, floorRate);
        Report(label, settings.LongHistory, longRun, floorRate);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-10} {Burst} submissions at once for one meter ({settings.LongHistory:N0} readings), 3 times: {bursts.Stored} stored, {bursts.Refused} refused {bursts.Codes}, {bursts.Exceptions} exceptions; {bursts.Elapsed.TotalMilliseconds / 3:F0} ms per burst"));
    }

    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void Report(string label, int history, (TimeSpan Elapsed, int Count, int Failures) run, double floorRate)
    {
        var rate = run.Count / run.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-10} SubmitReading, {history,6:N0} readings of history: {rate,7:F0} submissions/s ({run.Elapsed.TotalMilliseconds / run.Count:F2} ms) | ratio to floor {rate / floorRate:F2} | failed {run.Failures}"));
    }

    /// <summary>Registers meters through the module, then writes their history directly: monthly accepted readings and, for
    /// long histories, superseded revisions spread over those months (what years of corrections leave behind).</summary>
    private static async Task<List<(Guid Id, decimal Index)>> ArrangeAsync(ILifetimeScope root, ReadingRows rows, FakeClock clock, int count, int history)
    {
        var months = Math.Min(history - 1, 120);
        var superseded = history - 1 - months;
        var installed = LastHistoryDate.PlusMonths(-months).With(DateAdjusters.DayOfMonth(10));
        var registered = new List<(Guid MeterId, Guid ContractId)>(count);
        for (var m = 0; m < count; m++)
        {
            await using var scope = root.BeginLifetimeScope();
            var contractId = Guid.NewGuid();
            var meter = await scope.Resolve<IMediator>().Send(new RegisterMeter("B-" + Guid.NewGuid().ToString("N")[..12], contractId, 6, 3,
                installed, 100m, null, true));
            registered.Add((meter.Value, contractId));
        }

        var meters = new List<(Guid, decimal)>(count);
        await rows.BeginAsync();
        foreach (var (meterId, contractId) in registered)
        {
            var index = 100m;
            for (var i = 0; i < months; i++)
            {
                var date = LastHistoryDate.PlusMonths(i - months + 1);
                index += 9.5m;
                var accepted = Row(meterId, contractId, index, date, 9.5m, ReadingSource.FieldReader, ReadingStatus.Accepted, null, clock);
                await rows.InsertAsync(accepted);
                var revisions = (superseded / months) + (i < superseded % months ? 1 : 0);
                for (var r = 0; r < revisions; r++)
                {
                    await rows.InsertAsync(Row(meterId, contractId, index - 1m + (r % 7), date.PlusDays(-1), 8.5m, ReadingSource.CustomerPortal,
                        ReadingStatus.Superseded, accepted.Id, clock));
                }
            }

            meters.Add((meterId, index));
        }

        await rows.CommitAsync();
        return meters;
    }

    private static Reading Row(Guid meterId, Guid contractId, decimal index, LocalDate date, decimal consumption, ReadingSource source, ReadingStatus status,
        Guid? supersededBy, FakeClock clock) => new()
        {
            Id = Guid.NewGuid(), MeterId = meterId, ContractId = contractId, Index = index, ReadingDate = date, Period = (date.Year * 100) + date.Month,
            SubmittedAt = clock.GetCurrentInstant(), Source = source, Quality = ReadingQuality.Actual, Status = status, Consumption = consumption,
            SupersededBy = supersededBy,
        };

    /// <summary>Sequential submissions, each in its own scope as a request would be; each round revises the window's reading.</summary>
    private static async Task<(TimeSpan Elapsed, int Count, int Failures)> SubmitAsync(ILifetimeScope root, List<(Guid Id, decimal Index)> meters, int rounds)
    {
        var failures = 0;
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var (id, index) in meters)
            {
                await using var scope = root.BeginLifetimeScope();
                var result = await scope.Resolve<IMediator>().Send(new SubmitReading(id, index + 9.5m + (r * 0.1m), ConfirmWarnings: true));
                failures += result.IsSuccess && result.Value.Stored ? 0 : 1;
            }
        }

        return (watch.Elapsed, meters.Count * rounds, failures);
    }

    private static async Task<TimeSpan> FloorAsync(ReadingRows rows, FakeClock clock, int count)
    {
        var meterId = Guid.NewGuid();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await rows.InsertAsync(Row(meterId, meterId, 100m + i, Today, 9.5m, ReadingSource.CustomerPortal, ReadingStatus.Accepted, null, clock));
        }

        return watch.Elapsed;
    }

    private static async Task<(int Stored, int Refused, string Codes, int Exceptions, TimeSpan Elapsed)> BurstsAsync(ILifetimeScope root,
        (Guid Id, decimal Index) meter, int bursts)
    {
        int stored = 0, refused = 0, exceptions = 0;
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        for (var b = 0; b < bursts; b++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, Burst).Select(i => Task.Run(async () =>
            {
                try
                {
                    await using var scope = root.BeginLifetimeScope();
                    return (object)await scope.Resolve<IMediator>().Send(new SubmitReading(meter.Id, meter.Index + 5m + i, ConfirmWarnings: true));
                }
                catch (Exception ex)
                {
                    return ex;
                }
            })));
            foreach (var answer in answers)
            {
                switch (answer)
                {
                    case Core.Results.Result<SubmissionOutcome> { IsSuccess: true, Value.Stored: true }:
                        stored++;
                        break;
                    case Core.Results.Result<SubmissionOutcome> { IsFailure: true } failure:
                        refused++;
                        codes.Add(failure.Error.Code);
                        break;
                    case Exception ex:
                        exceptions++;
                        codes.Add(ex.GetType().Name);
                        break;
                    default:
                        refused++;
                        break;
                }
            }
        }

        return (stored, refused, codes.Count == 0 ? string.Empty : "(" + string.Join(", ", codes) + ")", exceptions, watch.Elapsed);
    }
}
