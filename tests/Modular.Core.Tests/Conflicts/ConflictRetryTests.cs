using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Testing;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests.Conflicts;

/// <summary>
/// Save-or-report-a-conflict on a real database: a real unique violation and a real version mismatch are classified,
/// retried from a fresh read a bounded number of times, explained by a re-read, or answered with the caller's error.
/// </summary>
public abstract class ConflictRetryTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly Error Taken = new("counters.taken", "Name");
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(database, m => m.AddModule(new CountersModule()), clock: new FakeClock(Instant.FromUtc(2026, 12, 1, 8, 0)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_unique_violation_is_the_callers_error_and_leaves_nothing_tracked()
    {
        var name = Unique();
        await InsertAsync(name);
        await using var db = Versioned();
        db.Counters.Add(NewCounter(name));

        var saved = await db.SaveOrConflictAsync(Guid.NewGuid(), Taken, DbConflict.UniqueViolation, CancellationToken.None);

        saved.Error.ShouldBe(Taken);
        db.ChangeTracker.HasChanges().ShouldBeFalse();
        (await db.Counters.CountAsync(c => c.Name == name)).ShouldBe(1);
    }

    [DbFact]
    public async Task A_unique_violation_and_a_stale_version_are_classified_on_the_real_provider()
    {
        var name = Unique();
        await InsertAsync(name);
        await using var duplicate = Versioned();
        duplicate.Counters.Add(NewCounter(name));
        var unique = await Should.ThrowAsync<DbUpdateException>(() => duplicate.SaveChangesAsync());

        await using var first = Versioned();
        await using var second = Versioned();
        var mine = await first.Counters.SingleAsync(c => c.Name == name);
        var theirs = await second.Counters.SingleAsync(c => c.Name == name);
        theirs.Value++;
        await second.SaveChangesAsync();
        mine.Value += 10;
        var stale = await Should.ThrowAsync<DbUpdateException>(() => first.SaveChangesAsync());

        DbErrors.Classify(unique).ShouldBe(DbConflict.UniqueViolation);
        DbErrors.Classify(stale).ShouldBe(DbConflict.StaleVersion);
        DbErrors.Classify(new InvalidOperationException("a bug")).ShouldBe(DbConflict.None);
    }

    [DbFact]
    public async Task A_stale_version_is_retried_from_a_fresh_read_and_both_increments_count()
    {
        var name = Unique();
        await InsertAsync(name);
        await using var db = Versioned();
        var attempts = 0;

        var result = await db.RetryOnConflictAsync<int>(async (attempt, ct) =>
        {
            attempts++;
            var counter = await db.Counters.SingleAsync(c => c.Name == name, ct);
            if (attempt == 0)
            {
                // Another writer increments the same row between this read and this save.
                await using var other = Versioned();
                (await other.Counters.SingleAsync(c => c.Name == name, ct)).Value++;
                await other.SaveChangesAsync(ct);
            }

            counter.Value++;
            return counter.Value;
        }, Taken, DbConflict.StaleVersion, CancellationToken.None);

        result.Value.ShouldBe(2);
        attempts.ShouldBe(2);
        await using var check = Versioned();
        (await check.Counters.SingleAsync(c => c.Name == name)).Value.ShouldBe(2);
    }

    [DbFact]
    public async Task A_conflict_that_persists_is_retried_a_bounded_number_of_times_then_answered_with_the_callers_error()
    {
        var name = Unique();
        await InsertAsync(name);
        await using var db = Versioned();
        var attempts = 0;

        var result = await db.RetryOnConflictAsync<Guid>((_, _) =>
        {
            attempts++;
            var counter = NewCounter(name);
            db.Counters.Add(counter);
            return Task.FromResult<Result<Guid>>(counter.Id);
        }, Taken, DbConflict.Taken, CancellationToken.None, attempts: 3);

        result.Error.ShouldBe(Taken);
        attempts.ShouldBe(3);
        db.ChangeTracker.HasChanges().ShouldBeFalse();
    }

    [DbFact]
    public async Task A_failed_attempt_is_answered_as_it_is_without_saving()
    {
        await using var db = Versioned();
        var refused = new Error("counters.refused");

        var result = await db.RetryOnConflictAsync<int>((_, _) =>
        {
            db.Counters.Add(NewCounter(Unique()));
            return Task.FromResult(Result<int>.Failure(refused));
        }, Taken, DbConflict.All, CancellationToken.None);

        result.Error.ShouldBe(refused);
        db.ChangeTracker.HasChanges().ShouldBeTrue("the caller decides what a refusal leaves");
    }

    [DbFact]
    public async Task A_conflict_explained_by_a_re_read_answers_the_twins_result()
    {
        var name = Unique();
        var twin = await InsertAsync(name);
        await using var db = Versioned();
        db.Counters.Add(NewCounter(name));

        var result = await db.SaveOrConflictAsync(Guid.NewGuid(),
            async ct => (await db.Counters.SingleOrDefaultAsync(c => c.Name == name, ct))?.Id is { } id ? id : null,
            Taken, DbConflict.UniqueViolation, CancellationToken.None);

        result.Value.ShouldBe(twin);
    }

    [DbFact]
    public async Task Each_kind_of_conflict_may_have_its_own_error()
    {
        var name = Unique();
        await InsertAsync(name);
        await using var db = Versioned();
        db.Counters.Add(NewCounter(name));

        var saved = await db.SaveOrConflictAsync(kind => new Error(kind == DbConflict.UniqueViolation ? "counters.taken" : "counters.stale"),
            DbConflict.Taken, CancellationToken.None);

        saved.Error.Code.ShouldBe("counters.taken");
    }

    [DbFact]
    public async Task A_conflict_of_a_kind_the_caller_did_not_expect_is_a_fault()
    {
        var name = Unique();
        await InsertAsync(name);
        await using var db = Versioned();
        db.Counters.Add(NewCounter(name));

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveOrConflictAsync(Taken, DbConflict.StaleVersion, CancellationToken.None));
    }

    private static string Unique() => "conflict-" + Guid.NewGuid().ToString("N");

    private static Counter NewCounter(string name) =>
        new() { Id = Guid.NewGuid(), Name = name, UpdatedAt = Instant.FromUtc(2026, 12, 1, 8, 0), Day = new LocalDate(2026, 12, 1) };

    private async Task<Guid> InsertAsync(string name)
    {
        await using var db = Versioned();
        var counter = NewCounter(name);
        db.Counters.Add(counter);
        await db.SaveChangesAsync();
        return counter.Id;
    }

    private VersionedCounters Versioned() => new(StorageRegistration.BuildOptions<VersionedCounters>(database.Storage, "Counters"));
}

/// <summary>The test module's counters with their value as a concurrency token, so a lost update is a real version conflict.</summary>
public sealed class VersionedCounters(DbContextOptions<VersionedCounters> options) : ModuleDbContext(options)
{
    public override string Schema => "counters";

    public DbSet<Counter> Counters => Set<Counter>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Counter>(e =>
        {
            e.ToTable("counters");
            e.HasIndex(c => c.Name).IsUnique();
            e.Property(c => c.Value).IsConcurrencyToken();
        });
}

public sealed class SqliteConflictRetryTests(SqliteDatabase database) : ConflictRetryTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresConflictRetryTests(PostgresDatabase database) : ConflictRetryTests(database), IClassFixture<PostgresDatabase>;
