using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Password reset and change, and email change with re-confirmation.</summary>
public abstract class PasswordAndEmailTests(TestDatabase database) : AccountsTestBase(database)
{
    private const string NewPassword = "un-rau-curge-la-vale";

    [DbFact]
    public async Task A_reset_link_sets_a_new_password_once()
    {
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        (await Host.SendAsync(new RequestPasswordReset(email))).IsSuccess.ShouldBeTrue();
        var token = await LatestTokenAsync(email, "/account/reset?token=");

        (await Host.SendAsync(new ResetPassword(token, "short", "short"))).Error.Code.ShouldBe("accounts.password_too_short");
        (await Host.SendAsync(new ResetPassword(token, NewPassword, NewPassword))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new ResetPassword(token, "alta-parola-lunga", "alta-parola-lunga"))).Error.Code.ShouldBe("accounts.token_invalid");
        (await Host.SendAsync(new LogIn(email, NewPassword))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new LogIn(email, Password))).Error.Code.ShouldBe("accounts.invalid_credentials");
        await Host.DrainOutboxAsync();
        Mail.To(email).Last().Subject.ShouldBe("Parola a fost schimbată");
    }

    [DbFact]
    public async Task Resets_with_the_same_link_at_the_same_time_set_one_password_and_tell_the_others_the_link_is_used()
    {
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        await Host.SendAsync(new RequestPasswordReset(email));
        var token = await LatestTokenAsync(email, "/account/reset?token=");

        var passwords = Enumerable.Range(0, 4).Select(i => $"{NewPassword}-{i}").ToList();
        var results = await Task.WhenAll(passwords.Select(p => Task.Run(() => Host.SendAsync(new ResetPassword(token, p, p)))));

        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "accounts.token_invalid");
        var winner = passwords[Array.FindIndex(results, r => r.IsSuccess)];
        (await Host.SendAsync(new LogIn(email, winner))).IsSuccess.ShouldBeTrue();
        foreach (var loser in passwords.Where(p => p != winner))
        {
            (await Host.SendAsync(new LogIn(email, loser))).Error.Code.ShouldBe("accounts.invalid_credentials");
        }
    }

    [DbFact]
    public async Task A_reset_link_expires()
    {
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        await Host.SendAsync(new RequestPasswordReset(email));
        var token = await LatestTokenAsync(email, "/account/reset?");
        Host.Clock.Advance(Duration.FromHours(25));
        (await Host.SendAsync(new ResetPassword(token, NewPassword, NewPassword))).Error.Code.ShouldBe("accounts.token_invalid");
    }

    [DbFact]
    public async Task A_reset_request_for_an_unknown_address_answers_the_same_and_sends_nothing()
    {
        var known = NewEmail();
        await CreateConfirmedUserAsync(known, await CreateCustomerAsync());
        var unknown = NewEmail();
        var forKnown = await Host.SendAsync(new RequestPasswordReset(known));
        var forUnknown = await Host.SendAsync(new RequestPasswordReset(unknown));
        forUnknown.IsSuccess.ShouldBe(forKnown.IsSuccess);
        forUnknown.Errors.Count.ShouldBe(forKnown.Errors.Count);
        await Host.DrainOutboxAsync();
        Mail.To(unknown).ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_reset_request_runs_the_same_database_commands_for_a_confirmed_an_unconfirmed_and_an_unknown_address()
    {
        var confirmed = NewEmail();
        await CreateConfirmedUserAsync(confirmed, await CreateCustomerAsync());
        var unconfirmed = NewEmail();
        (await Host.SendAsync(Registration(unconfirmed, await CreateCustomerAsync()))).IsSuccess.ShouldBeTrue();
        await Host.SendAsync(new RequestPasswordReset(NewEmail()));

        var forConfirmed = await DbCommandRecorder.RecordAsync(() => Host.SendAsync(new RequestPasswordReset(confirmed)));
        var forUnconfirmed = await DbCommandRecorder.RecordAsync(() => Host.SendAsync(new RequestPasswordReset(unconfirmed)));
        var forUnknown = await DbCommandRecorder.RecordAsync(() => Host.SendAsync(new RequestPasswordReset(NewEmail())));

        // The same statements in the same order: the answer's timing has nothing to differ by (one look-up, one outbox row).
        forConfirmed.ShouldNotBeEmpty();
        forConfirmed.Count(c => c.Contains("INSERT", StringComparison.OrdinalIgnoreCase)).ShouldBe(1);
        forUnknown.ShouldBe(forConfirmed);
        forUnconfirmed.ShouldBe(forConfirmed);
        await Host.DrainOutboxAsync();
        Mail.To(confirmed).Last().Subject.ShouldNotBeNullOrEmpty();
    }

    [DbFact]
    public async Task A_reset_link_also_confirms_an_unconfirmed_address()
    {
        var email = NewEmail();
        await Host.SendAsync(Registration(email, await CreateCustomerAsync()));
        await Host.DrainOutboxAsync();
        await Host.SendAsync(new RequestPasswordReset(email));
        var confirm = await LatestTokenAsync(email, "/account/confirm?");
        (await Host.SendAsync(new ConfirmEmail(confirm))).IsSuccess.ShouldBeTrue();
        await Host.SendAsync(new RequestPasswordReset(email));
        var reset = await LatestTokenAsync(email, "/account/reset?");
        (await Host.SendAsync(new ResetPassword(reset, NewPassword, NewPassword))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new LogIn(email, NewPassword))).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task Changing_the_password_requires_the_current_one()
    {
        var email = NewEmail();
        var userId = await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        (await Host.SendAsync(new ChangePassword("gresit", NewPassword, NewPassword), As(userId))).Error.Code.ShouldBe("accounts.current_password_wrong");
        (await Host.SendAsync(new ChangePassword(Password, "qwerty123", "qwerty123"), As(userId))).Error.Code.ShouldBe("accounts.password_too_common");
        (await Host.SendAsync(new ChangePassword(Password, NewPassword, NewPassword))).Error.Code.ShouldBe("core.forbidden");
        (await Host.SendAsync(new ChangePassword(Password, NewPassword, NewPassword), As(userId))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new LogIn(email, NewPassword))).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task Changing_the_email_needs_the_password_and_the_new_address_confirmed_and_tells_the_old_one()
    {
        var email = NewEmail();
        var userId = await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        var next = NewEmail();
        (await Host.SendAsync(new RequestEmailChange(next, "gresit"), As(userId))).Error.Code.ShouldBe("accounts.current_password_wrong");
        (await Host.SendAsync(new RequestEmailChange(email.ToUpperInvariant(), Password), As(userId))).Error.Code.ShouldBe("accounts.email_unchanged");
        (await Host.SendAsync(new RequestEmailChange("not-an-email", Password), As(userId))).Error.Code.ShouldBe("accounts.email_invalid");
        (await Host.SendAsync(new RequestEmailChange(next, Password), As(userId))).IsSuccess.ShouldBeTrue();

        (await Host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue("nothing changes before the new address is confirmed");
        var token = await LatestTokenAsync(next, "/account/confirm-email-change?token=");
        (await Host.SendAsync(new ConfirmEmailChange(token))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new ConfirmEmailChange(token))).Error.Code.ShouldBe("accounts.token_invalid");

        (await Host.SendAsync(new LogIn(next, Password))).Value.UserId.ShouldBe(userId);
        (await Host.SendAsync(new LogIn(email, Password))).Error.Code.ShouldBe("accounts.invalid_credentials");
        await Host.DrainOutboxAsync();
        var notice = Mail.To(email).Last();
        notice.Subject.ShouldBe("Adresa de email a fost schimbată");
        notice.HtmlBody.ShouldContain(next);
        (await OutboxCountAsync(nameof(ContactDataChanged), userId)).ShouldBe(1);
    }

    [DbFact]
    public async Task An_email_change_to_an_address_taken_meanwhile_is_refused_at_confirmation()
    {
        var userId = await CreateConfirmedUserAsync(NewEmail(), await CreateCustomerAsync());
        var next = NewEmail();
        await Host.SendAsync(new RequestEmailChange(next, Password), As(userId));
        var token = await LatestTokenAsync(next, "/account/confirm-email-change?");
        await CreateConfirmedUserAsync(next, await CreateCustomerAsync());
        (await Host.SendAsync(new ConfirmEmailChange(token))).Error.Code.ShouldBe("accounts.email_taken");
        (await InDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == next))).ShouldBe(1);
    }

    [DbFact]
    public async Task Of_concurrent_password_changes_from_the_same_current_password_exactly_one_wins()
    {
        var email = NewEmail();
        var userId = await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        var candidates = Enumerable.Range(1, 4).Select(i => $"parola-noua-numarul-{i}").ToArray();
        var results = await Task.WhenAll(candidates.Select(p => Task.Run(() => Host.SendAsync(new ChangePassword(Password, p, p), As(userId)))));
        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "accounts.concurrent_update" || r.Error.Code == "accounts.current_password_wrong");
        var winner = candidates[Array.FindIndex(results, r => r.IsSuccess)];
        (await Host.SendAsync(new LogIn(email, winner))).IsSuccess.ShouldBeTrue();
    }
}

public sealed class SqlitePasswordAndEmailTests(SqliteDatabase database) : PasswordAndEmailTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPasswordAndEmailTests(PostgresDatabase database) : PasswordAndEmailTests(database), IClassFixture<PostgresDatabase>;
