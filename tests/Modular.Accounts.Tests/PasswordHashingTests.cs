using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Security;
using Modular.Core.Limits;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Password hashing runs in a bounded gate: beyond its queue a request is refused at once and changes nothing.</summary>
public abstract class PasswordHashingTests(TestDatabase database) : AccountsTestBase(database)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Modular:Accounts:PasswordHashing:MaxConcurrent"] = "1",
        ["Modular:Accounts:PasswordHashing:MaxQueued"] = "1",
    };

    [DbFact]
    public async Task Beyond_the_queue_a_log_in_is_refused_as_busy_and_counts_no_failure_while_the_queued_one_completes()
    {
        var email = NewEmail();
        var userId = await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        var gate = Host.Container.Resolve<PasswordHasher>().Gate;

        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holding = Task.Run(() => gate.RunAsync(() =>
        {
            entered.Set();
            release.Wait(TimeSpan.FromMinutes(1));
            return 0;
        }));
        entered.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();

        var queued = Task.Run(() => Host.SendAsync(new LogIn(email, Password)));
        await Poll.UntilAsync(() => gate.Waiting == 1, "the second log-in waits for a hashing slot");
        var busy = await Should.ThrowAsync<ServerBusyException>(() => Host.SendAsync(new LogIn(email, "wrong-password-1")));
        busy.RetryAfterSeconds.ShouldBe(5);
        release.Set();
        await holding;

        (await queued).IsSuccess.ShouldBeTrue();
        (await InDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.FailedLogins).SingleAsync())).ShouldBe(0);
    }
}

public sealed class SqlitePasswordHashingTests(SqliteDatabase database) : PasswordHashingTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPasswordHashingTests(PostgresDatabase database) : PasswordHashingTests(database), IClassFixture<PostgresDatabase>;
