using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Login, the per-account back-off, and the terms version check.</summary>
public abstract class LoginTests(TestDatabase database) : AccountsTestBase(database)
{
    [DbFact]
    public async Task An_unknown_email_and_a_wrong_password_give_the_same_error()
    {
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        var unknown = await Host.SendAsync(new LogIn(NewEmail(), Password));
        var wrong = await Host.SendAsync(new LogIn(email, "nu-e-parola-mea"));
        unknown.Error.Code.ShouldBe("accounts.invalid_credentials");
        wrong.Error.ShouldBe(unknown.Error);
    }

    [DbFact]
    public async Task After_five_failures_the_account_backs_off_and_even_the_right_password_waits()
    {
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        for (var i = 0; i < 4; i++)
        {
            (await Host.SendAsync(new LogIn(email, "gresit-" + i))).Error.Code.ShouldBe("accounts.invalid_credentials");
        }

        (await Host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue("four failures do not lock");
        for (var i = 0; i < 5; i++)
        {
            await Host.SendAsync(new LogIn(email, "gresit-" + i));
        }

        var refused = await Host.SendAsync(new LogIn(email, Password));
        refused.Error.Code.ShouldBe("accounts.login_throttled");
        refused.Error.Arguments["seconds"].ShouldBe(30);

        Host.Clock.Advance(Duration.FromSeconds(31));
        (await Host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue("the back-off ends by itself");
    }

    [DbFact]
    public async Task The_back_off_doubles_with_each_failure_up_to_the_cap()
    {
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        for (var i = 0; i < 4; i++)
        {
            await Host.SendAsync(new LogIn(email, "gresit"));
        }

        // Each further failure (made once the previous back-off ended) locks for longer; the right password is refused meanwhile.
        var waits = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            await Host.SendAsync(new LogIn(email, "gresit"));
            var refused = await Host.SendAsync(new LogIn(email, Password));
            refused.Error.Code.ShouldBe("accounts.login_throttled");
            var seconds = (int)refused.Error.Arguments["seconds"]!;
            waits.Add(seconds);
            Host.Clock.Advance(Duration.FromSeconds(seconds));
        }

        waits.ShouldBe([30, 60, 120, 240, 480, 900, 900, 900]);
        (await Host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task Wrong_current_passwords_in_a_signed_in_session_count_toward_the_same_back_off()
    {
        var email = NewEmail();
        var userId = await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        for (var i = 0; i < 3; i++)
        {
            (await Host.SendAsync(new ChangePassword("gresit", "noua-parola-lunga", "noua-parola-lunga"), As(userId)))
                .Error.Code.ShouldBe("accounts.current_password_wrong");
        }

        for (var i = 0; i < 2; i++)
        {
            (await Host.SendAsync(new RequestEmailChange(NewEmail(), "gresit"), As(userId))).Error.Code.ShouldBe("accounts.current_password_wrong");
        }

        (await Host.SendAsync(new LogIn(email, Password))).Error.Code.ShouldBe("accounts.login_throttled");
        (await Host.SendAsync(new ChangePassword(Password, "noua-parola-lunga", "noua-parola-lunga"), As(userId)))
            .Error.Code.ShouldBe("accounts.login_throttled");
    }

    [DbFact]
    public async Task Concurrent_wrong_passwords_are_all_counted()
    {
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => Host.SendAsync(new LogIn(email, "gresit-" + i)))));
        (await InDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.FailedLogins).SingleAsync())).ShouldBe(4);
    }

    [DbFact]
    public async Task A_new_terms_version_is_asked_for_at_login_without_blocking_anything_else()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        var userId = await CreateConfirmedUserAsync(email, customer);
        var (host, _) = await StartHostAsync(new Dictionary<string, string?> { ["Modular:Accounts:TermsVersion"] = "2026-12" });
        await using var _ = host;

        var login = (await host.SendAsync(new LogIn(email, Password))).Value;
        login.MustAcceptTerms.ShouldBeTrue();
        login.CurrentTermsVersion.ShouldBe("2026-12");
        (await host.SendAsync(new GetMyContracts(), As(userId))).Value.Count.ShouldBe(1);
        (await host.SendAsync(new AcceptTerms("1"), As(userId))).Error.Code.ShouldBe("accounts.terms_version_outdated");

        var before = host.Clock.GetCurrentInstant();
        (await host.SendAsync(new AcceptTerms("2026-12"), As(userId))).IsSuccess.ShouldBeTrue();
        (await host.SendAsync(new LogIn(email, Password))).Value.MustAcceptTerms.ShouldBeFalse();
        var profile = (await host.SendAsync(new GetProfile(), As(userId))).Value;
        profile.TermsVersion.ShouldBe("2026-12");
        profile.TermsAcceptedAt.ShouldBe(before);
    }

    [DbFact]
    public async Task A_hash_with_fewer_iterations_than_configured_is_upgraded_at_login()
    {
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        var (host, _) = await StartHostAsync(new Dictionary<string, string?> { ["Modular:Accounts:PasswordIterations"] = "220000" });
        await using var _ = host;
        (await host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue();
        (await InDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.PasswordHash).SingleAsync()))
            .ShouldStartWith("pbkdf2-sha512$220000$");
        (await host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue();
    }
}

public sealed class SqliteLoginTests(SqliteDatabase database) : LoginTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresLoginTests(PostgresDatabase database) : LoginTests(database), IClassFixture<PostgresDatabase>;
