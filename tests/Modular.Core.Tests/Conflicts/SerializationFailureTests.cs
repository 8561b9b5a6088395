using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Testing;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Npgsql;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests.Conflicts;

/// <summary>
/// A real serialization failure on PostgreSQL (SQLSTATE 40001): a save at serializable isolation waits on a row another
/// transaction updates, and fails when that one commits. ConflictRetry classifies it as transient and, since the failed
/// save's transaction was its own (nothing is left open), runs the attempt again from a fresh read.
/// </summary>
[Postgres]
public sealed class PostgresSerializationFailureTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly Error Busy = new("counters.busy");
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()), clock: new FakeClock(Instant.FromUtc(2026, 12, 1, 8, 0)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_serialization_failure_is_classified_transient_and_retried_from_a_fresh_read()
    {
        var name = "serializable-" + Guid.NewGuid().ToString("N");
        await using (var setup = Counters())
        {
            setup.Counters.Add(new Counter { Id = Guid.NewGuid(), Name = name, UpdatedAt = Instant.FromUtc(2026, 12, 1, 8, 0), Day = new LocalDate(2026, 12, 1) });
            await setup.SaveChangesAsync();
        }

        await using var db = Counters();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        var attempts = 0;
        Exception? failure = null;
        db.SaveChangesFailed += (_, e) => failure = e.Exception;
        Task? otherCommits = null;

        var result = await db.RetryOnConflictAsync<int>(async (attempt, ct) =>
        {
            attempts++;
            var counter = await db.Counters.SingleAsync(c => c.Name == name, ct);
            counter.Value += 10;
            if (attempt == 0)
            {
                // Another writer holds the row; it commits once this save is waiting for it, after this save's snapshot.
                otherCommits = IncrementOnceTheSaveWaitsAsync(name);
                await Poll.UntilAsync(() => LockedAsync(name), "the other writer holds the row");
            }

            return counter.Value;
        }, Busy, DbConflict.Transient, CancellationToken.None);

        await otherCommits!;
        attempts.ShouldBe(2);
        failure.ShouldNotBeNull();
        DbErrors.Classify(failure).ShouldBe(DbConflict.Transient);
        failure.ToString().ShouldContain("40001");
        result.Value.ShouldBe(11);
        await using var check = Counters();
        (await check.Counters.SingleAsync(c => c.Name == name)).Value.ShouldBe(11);
    }

    [DbFact]
    public async Task A_serialization_failure_inside_an_open_transaction_is_not_retried_there()
    {
        var name = "serializable-" + Guid.NewGuid().ToString("N");
        await using (var setup = Counters())
        {
            setup.Counters.Add(new Counter { Id = Guid.NewGuid(), Name = name, UpdatedAt = Instant.FromUtc(2026, 12, 1, 8, 0), Day = new LocalDate(2026, 12, 1) });
            await setup.SaveChangesAsync();
        }

        await using var db = Counters();
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        var counter = await db.Counters.SingleAsync(c => c.Name == name);
        counter.Value += 10;
        var otherCommits = IncrementOnceTheSaveWaitsAsync(name);
        await Poll.UntilAsync(() => LockedAsync(name), "the other writer holds the row");

        // The transaction is doomed: only its owner (the unit of work) can start it again, so the fault propagates (EF's
        // provider wraps the serialization failure as a transient one).
        Exception? thrown = null;
        try
        {
            await db.SaveOrConflictAsync(Busy, DbConflict.Transient, CancellationToken.None);
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        await otherCommits;
        thrown.ShouldNotBeNull("a serialization failure in an open transaction is not the save's to retry");
        DbErrors.Classify(thrown).ShouldBe(DbConflict.Transient);
        thrown.ToString().ShouldContain("40001");
    }

    /// <summary>Updates the row in a transaction of its own and commits once a save of the row is waiting on its lock.</summary>
    private async Task IncrementOnceTheSaveWaitsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(database.Storage.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("""UPDATE counters.counters SET "Value" = "Value" + 1 WHERE "Name" = @name""", connection, transaction))
        {
            update.Parameters.AddWithValue("name", name);
            (await update.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        _locked[name] = true;
        await Poll.UntilAsync(WaitingOnALockAsync, "the save waits for the row");
        await transaction.CommitAsync();
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _locked = new();

    private Task<bool> LockedAsync(string name) => Task.FromResult(_locked.ContainsKey(name));

    /// <summary>Another session of this test's database is blocked on a lock (the save under test).</summary>
    private async Task<bool> WaitingOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(database.Storage.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private VersionedCounters Counters() => new(StorageRegistration.BuildOptions<VersionedCounters>(database.Storage, "Counters"));
}
