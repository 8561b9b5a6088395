using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Server-side sessions: ended by log-out, password change and reset; idle and absolute timeouts; a user's own list.</summary>
public abstract class SessionTests(TestDatabase database) : AccountsTestBase(database)
{
    [DbFact]
    public async Task Logging_out_ends_the_session_so_a_copied_secret_is_refused()
    {
        var (userId, email) = await UserAsync();
        var session = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        var info = (await Host.SendAsync(new ValidateSession(session.Secret))).Value;
        (info.Kind, info.PrincipalId, info.Email).ShouldBe((SessionKind.Customer, userId, email));
        (await Host.SendAsync(new LogOut(), Caller.Customer(userId).InSession(session.SessionId))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new ValidateSession(session.Secret))).Error.Code.ShouldBe("accounts.session_invalid");
        (await Host.SendAsync(new ValidateSession("nonsense"))).Error.Code.ShouldBe("accounts.session_invalid");
    }

    [DbFact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var (userId, email) = await UserAsync();
        var here = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        var elsewhere = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        (await Host.SendAsync(new ChangePassword(Password, "o-parola-noua-si-lunga", "o-parola-noua-si-lunga"), Caller.Customer(userId).InSession(here.SessionId)))
            .IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new ValidateSession(here.Secret))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new ValidateSession(elsewhere.Secret))).Error.Code.ShouldBe("accounts.session_invalid");
    }

    [DbFact]
    public async Task A_wrong_current_password_ends_nothing()
    {
        var (userId, email) = await UserAsync();
        var here = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        var elsewhere = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        (await Host.SendAsync(new ChangePassword("gresit", "o-parola-noua-si-lunga", "o-parola-noua-si-lunga"), Caller.Customer(userId).InSession(here.SessionId)))
            .Error.Code.ShouldBe("accounts.current_password_wrong");
        (await Host.SendAsync(new ValidateSession(elsewhere.Secret))).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task Resetting_the_password_ends_every_session()
    {
        var (_, email) = await UserAsync();
        var session = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        (await Host.SendAsync(new RequestPasswordReset(email))).IsSuccess.ShouldBeTrue();
        var token = await LatestTokenAsync(email, "/account/reset?");
        (await Host.SendAsync(new ResetPassword(token, "o-parola-noua-si-lunga", "o-parola-noua-si-lunga"))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new ValidateSession(session.Secret))).Error.Code.ShouldBe("accounts.session_invalid");
    }

    [DbFact]
    public async Task A_session_ends_when_idle_or_too_old_and_staff_sessions_sooner()
    {
        var (_, email) = await UserAsync();
        var session = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        for (var i = 0; i < 6; i++)
        {
            Host.Clock.Advance(Duration.FromMinutes(29));
            (await Host.SendAsync(new ValidateSession(session.Secret))).IsSuccess.ShouldBeTrue("activity keeps it alive");
        }

        Host.Clock.Advance(Duration.FromMinutes(31));
        (await Host.SendAsync(new ValidateSession(session.Secret))).Error.Code.ShouldBe("accounts.session_invalid");

        var fresh = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        fresh.ExpiresAt.ShouldBe(Host.Clock.GetCurrentInstant() + Duration.FromHours(12));
        for (var i = 0; i < 25; i++)
        {
            Host.Clock.Advance(Duration.FromMinutes(29));
            await Host.SendAsync(new ValidateSession(fresh.Secret));
        }

        (await Host.SendAsync(new ValidateSession(fresh.Secret))).Error.Code.ShouldBe("accounts.session_invalid", "the absolute timeout ends even an active session");

        const string password = "parola-de-casier-2026";
        var enrolment = (await Host.SendAsync(new CreateStaffMember(NewEmail(), "Casier", [StaffRoles.Cashier], password))).Value;
        var staff = (await Host.SendAsync(new StaffLogIn(enrolment.Email, password, enrolment.RecoveryCodes[0]))).Value.Session;
        Host.Clock.Advance(Duration.FromMinutes(16));
        (await Host.SendAsync(new ValidateSession(staff.Secret))).Error.Code.ShouldBe("accounts.session_invalid");
    }

    [DbFact]
    public async Task A_user_lists_and_ends_their_own_sessions_only()
    {
        var (userId, email) = await UserAsync();
        var here = (await Host.SendAsync(new LogIn(email, Password), Caller.Anonymous.From("203.0.113.7", "Firefox"))).Value.Session!;
        var other = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        var (strangerId, strangerEmail) = await UserAsync();
        var strangers = (await Host.SendAsync(new LogIn(strangerEmail, Password))).Value.Session!;
        var me = Caller.Customer(userId).InSession(here.SessionId);

        var mine = (await Host.SendAsync(new GetMySessions(), me)).Value;
        // Three: creating the user signed in once too.
        mine.Sessions.Count.ShouldBe(3);
        mine.Sessions.Select(s => s.SessionId).ShouldContain(here.SessionId);
        mine.Sessions.Select(s => s.SessionId).ShouldContain(other.SessionId);
        var current = mine.Sessions.Single(s => s.Current);
        (current.SessionId, current.ClientAddress, current.UserAgent).ShouldBe((here.SessionId, "203.0.113.7", "Firefox"));
        mine.HasAccessTokens.ShouldBeFalse();

        (await Host.SendAsync(new EndMySession(strangers.SessionId), me)).Error.Code.ShouldBe("core.not_found");
        (await Host.SendAsync(new ValidateSession(strangers.Secret))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new EndMySession(other.SessionId), me)).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new ValidateSession(other.Secret))).IsSuccess.ShouldBeFalse();

        var third = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        (await Host.SendAsync(new EndMyOtherSessions(), me)).Value.Ended.ShouldBe(2);
        (await Host.SendAsync(new ValidateSession(third.Secret))).IsSuccess.ShouldBeFalse();
        (await Host.SendAsync(new ValidateSession(here.Secret))).IsSuccess.ShouldBeTrue();
        strangerId.ShouldNotBe(userId);
    }

    [DbFact]
    public async Task Sessions_are_shared_by_every_instance_through_the_database()
    {
        var (userId, email) = await UserAsync();
        var (other, _) = await StartHostAsync(new Dictionary<string, string?>());
        await using (other)
        {
            var session = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
            (await other.SendAsync(new ValidateSession(session.Secret))).IsSuccess.ShouldBeTrue();
            await other.SendAsync(new LogOut(), Caller.Customer(userId).InSession(session.SessionId));
            (await Host.SendAsync(new ValidateSession(session.Secret))).Error.Code.ShouldBe("accounts.session_invalid");
        }
    }

    [DbFact]
    public async Task Only_the_secrets_hash_is_stored()
    {
        var (_, email) = await UserAsync();
        var session = (await Host.SendAsync(new LogIn(email, Password))).Value.Session!;
        var stored = await InDbAsync(db => db.Sessions.SingleAsync(s => s.Id == session.SessionId));
        stored.SecretHash.ShouldNotContain(session.Secret);
        stored.SecretHash.Length.ShouldBe(64);
    }

    private async Task<(Guid UserId, string Email)> UserAsync()
    {
        var email = NewEmail();
        return (await CreateConfirmedUserAsync(email, await CreateCustomerAsync()), email);
    }
}

public sealed class SqliteSessionTests(SqliteDatabase database) : SessionTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresSessionTests(PostgresDatabase database) : SessionTests(database), IClassFixture<PostgresDatabase>;
