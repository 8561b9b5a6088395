using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Registration with proof, email confirmation, and the promise that registration does not reveal accounts.</summary>
public abstract class RegistrationTests(TestDatabase database) : AccountsTestBase(database)
{
    [DbFact]
    public async Task A_customer_registers_confirms_by_link_and_then_logs_in()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        (await Host.SendAsync(Registration(email, customer))).IsSuccess.ShouldBeTrue();

        (await Host.SendAsync(new LogIn(email, Password))).Error.Code.ShouldBe("accounts.email_not_confirmed");
        var token = await LatestTokenAsync(email, "http://localhost:5000/account/confirm?token=");
        token.Length.ShouldBeGreaterThanOrEqualTo(43); // 32 random bytes in base64url
        (await Host.SendAsync(new ConfirmEmail(token))).IsSuccess.ShouldBeTrue();

        var login = await Host.SendAsync(new LogIn(email.ToUpperInvariant(), Password));
        login.Value.Email.ShouldBe(email);
        login.Value.MustAcceptTerms.ShouldBeFalse();
        (await OutboxCountAsync(nameof(UserRegistered), login.Value.UserId)).ShouldBe(1);
        (await OutboxCountAsync(nameof(UserConfirmed), login.Value.UserId)).ShouldBe(1);
        (await OutboxCountAsync(nameof(ClientCodeLinked), login.Value.UserId)).ShouldBe(1);
    }

    [DbFact]
    public async Task Only_the_hash_of_a_token_is_stored()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        await Host.SendAsync(Registration(email, customer));
        var token = await LatestTokenAsync(email, "/account/confirm?");
        var stored = await InDbAsync(db => db.UserTokens.Select(t => t.Hash).ToListAsync());
        stored.ShouldNotContain(token);
        stored.ShouldContain(Security.Tokens.HashOf(token));
        (await InDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Payload.Contains(token)))).ShouldBeFalse();
    }

    [DbFact]
    public async Task A_confirmation_link_works_once()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        await Host.SendAsync(Registration(email, customer));
        var token = await LatestTokenAsync(email, "/account/confirm?");
        (await Host.SendAsync(new ConfirmEmail(token))).ToString().ShouldBe("Success");
        (await Host.SendAsync(new ConfirmEmail(token))).Error.Code.ShouldBe("accounts.token_invalid");
    }

    [DbFact]
    public async Task Two_concurrent_uses_of_one_link_succeed_once()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        await Host.SendAsync(Registration(email, customer));
        var token = await LatestTokenAsync(email, "/account/confirm?");
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Host.SendAsync(new ConfirmEmail(token)))));
        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "accounts.token_invalid");
    }

    [DbFact]
    public async Task A_confirmation_link_expires_after_24_hours()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        await Host.SendAsync(Registration(email, customer));
        var token = await LatestTokenAsync(email, "/account/confirm?");
        Host.Clock.Advance(NodaTime.Duration.FromHours(24) + NodaTime.Duration.FromSeconds(1));
        (await Host.SendAsync(new ConfirmEmail(token))).Error.Code.ShouldBe("accounts.token_invalid");
        (await Host.SendAsync(new LogIn(email, Password))).Error.Code.ShouldBe("accounts.email_not_confirmed");

        // Asking again gives a working link, and the expired token is deleted.
        await Host.SendAsync(new ResendConfirmation(email));
        var fresh = await LatestTokenAsync(email, "/account/confirm?");
        (await InDbAsync(db => db.UserTokens.AnyAsync(t => t.Hash == Security.Tokens.HashOf(token)))).ShouldBeFalse();
        (await Host.SendAsync(new ConfirmEmail(fresh))).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_resent_confirmation_replaces_the_earlier_link()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        await Host.SendAsync(Registration(email, customer));
        var first = await LatestTokenAsync(email, "/account/confirm?");
        (await Host.SendAsync(new ResendConfirmation(email))).IsSuccess.ShouldBeTrue();
        var second = await LatestTokenAsync(email, "/account/confirm?");
        second.ShouldNotBe(first);
        (await Host.SendAsync(new ConfirmEmail(first))).Error.Code.ShouldBe("accounts.token_invalid");
        (await Host.SendAsync(new ConfirmEmail(second))).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task Resending_for_an_unknown_address_answers_the_same_and_sends_nothing()
    {
        var email = NewEmail();
        (await Host.SendAsync(new ResendConfirmation(email))).IsSuccess.ShouldBeTrue();
        await Host.DrainOutboxAsync();
        Mail.To(email).ShouldBeEmpty();
    }

    [DbFact]
    public async Task Registering_an_existing_confirmed_email_answers_like_a_fresh_registration_and_the_email_explains()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, customer);
        var other = await CreateCustomerAsync();

        var fresh = await Host.SendAsync(Registration(NewEmail(), other));
        var again = await Host.SendAsync(Registration(email, other, "alt-parola-lunga-2026"));
        Shape(again).ShouldBe(Shape(fresh));

        await Host.DrainOutboxAsync();
        var explained = Mail.To(email).Last();
        explained.Subject.ShouldBe("Aveți deja un cont");
        Decoded(explained).ShouldContain("/account/reset?token=");
        (await Host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new LogIn(email, "alt-parola-lunga-2026"))).Error.Code.ShouldBe("accounts.invalid_credentials");
        (await Host.SendAsync(new GetProfile(), As((await Host.SendAsync(new LogIn(email, Password))).Value.UserId)))
            .Value.Customers.Select(c => c.ClientCode).ShouldBe([customer.ClientCode]);
    }

    [DbFact]
    public async Task Registering_an_unconfirmed_email_again_answers_the_same_and_sends_a_new_link()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        var first = await Host.SendAsync(Registration(email, customer));
        var firstToken = await LatestTokenAsync(email, "/account/confirm?");
        var second = await Host.SendAsync(Registration(email, customer, "alt-parola-lunga-2026"));
        Shape(second).ShouldBe(Shape(first));

        var secondToken = await LatestTokenAsync(email, "/account/confirm?");
        secondToken.ShouldNotBe(firstToken);
        (await Host.SendAsync(new ConfirmEmail(secondToken))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue();
        (await InDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email))).ShouldBe(1);
    }

    [DbFact]
    public async Task A_client_code_already_linked_registers_like_an_unlinked_one_and_both_users_see_it()
    {
        var customer = await CreateCustomerAsync();
        var firstEmail = NewEmail();
        var first = await CreateConfirmedUserAsync(firstEmail, customer);
        var unlinked = await CreateCustomerAsync();

        var onUnlinked = await Host.SendAsync(Registration(NewEmail(), unlinked));
        var secondEmail = NewEmail();
        var onLinked = await Host.SendAsync(Registration(secondEmail, customer));
        Shape(onLinked).ShouldBe(Shape(onUnlinked));

        await LatestTokenAsync(secondEmail, "/account/confirm?");
        Decoded(Mail.To(secondEmail).Last()).ShouldContain("deja asociat unui alt cont");
        var second = await CreateConfirmedUserAsync(NewEmail(), customer);
        (await Host.SendAsync(new GetMyContracts(), As(first))).Value.Single().ClientCode.ShouldBe(customer.ClientCode);
        (await Host.SendAsync(new GetMyContracts(), As(second))).Value.Single().ClientCode.ShouldBe(customer.ClientCode);
    }

    [DbFact]
    public async Task An_unknown_client_code_and_a_wrong_proof_give_the_same_error_and_create_nothing()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        var unknown = await Host.SendAsync(Registration(email, customer with { ClientCode = Unique("X") }));
        var wrongProof = await Host.SendAsync(Registration(email, customer with { ContractNumber = "K-nope" }));
        unknown.Error.Code.ShouldBe("accounts.client_code_or_proof_invalid");
        Shape(wrongProof).ShouldBe(Shape(unknown));
        (await InDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == email))).ShouldBeFalse();
    }

    [DbTheory]
    [InlineData("scurt12", "scurt12", "accounts.password_too_short")]
    [InlineData("password", "password", "accounts.password_too_common")]
    [InlineData("Parola123", "Parola123", "accounts.password_too_common")]
    [InlineData("o-parola-buna-2026", "o-parola-buna-2027", "accounts.passwords_do_not_match")]
    public async Task Weak_or_mismatched_passwords_are_refused(string password, string confirmation, string code)
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        var result = await Host.SendAsync(Registration(email, customer) with { Password = password, PasswordConfirmation = confirmation });
        result.Error.Code.ShouldBe(code);
        result.Errors.SelectMany(e => e.Arguments.Values).ShouldNotContain(password);
        (await InDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == email))).ShouldBeFalse();
    }

    [DbTheory]
    [InlineData("ăîâșț-ĀĒĪŪ-пароль-密码")]
    [InlineData("a-sixty-four-character-passphrase-with-spaces and more words!!64")]
    public async Task Long_and_unicode_passwords_work_without_truncation(string password)
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, customer, password);
        (await Host.SendAsync(new LogIn(email, password))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new LogIn(email, password[..^1]))).Error.Code.ShouldBe("accounts.invalid_credentials");
    }

    [DbFact]
    public async Task Terms_must_be_accepted_in_the_current_version()
    {
        var customer = await CreateCustomerAsync();
        (await Host.SendAsync(Registration(NewEmail(), customer) with { AcceptedTermsVersion = null })).Error.Code.ShouldBe("accounts.terms_not_accepted");
        (await Host.SendAsync(Registration(NewEmail(), customer) with { AcceptedTermsVersion = "0" })).Error.Code.ShouldBe("accounts.terms_version_outdated");
    }

    [DbFact]
    public async Task Two_concurrent_registrations_with_the_same_email_produce_one_account()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => Host.SendAsync(Registration(i % 2 == 0 ? email : email.ToUpperInvariant(), customer)))));
        results.ShouldAllBe(r => r.IsSuccess);
        (await InDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email))).ShouldBe(1);
        var userId = await InDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id).SingleAsync());
        (await OutboxCountAsync(nameof(UserRegistered), userId)).ShouldBe(1);
        (await InDbAsync(db => db.UserCustomers.CountAsync(l => l.UserId == userId))).ShouldBe(1);
    }

    [DbFact]
    public async Task The_internal_code_and_phone_proof_works_when_the_utility_configures_it()
    {
        var customer = await CreateCustomerAsync(phone: "0744 555 666");
        var (host, mail) = await StartHostAsync(new Dictionary<string, string?> { ["Modular:Accounts:RegistrationProof"] = "InternalCodeAndPhone" });
        await using var _ = host;
        var email = NewEmail();
        var request = new RegisterUser(email, customer.ClientCode, null, customer.InternalCode, "0744555667", Password, Password, "1");
        (await host.SendAsync(request)).Error.Code.ShouldBe("accounts.client_code_or_proof_invalid");
        (await host.SendAsync(request with { Phone = "07445" })).Error.Code.ShouldBe("accounts.phone_invalid");
        (await host.SendAsync(request with { InternalCode = null })).Error.Code.ShouldBe("accounts.proof_required");
        (await host.SendAsync(request with { Phone = "+40 744-555-666" })).IsSuccess.ShouldBeTrue();
        (await LatestTokenAsync(email, "/account/confirm?", host, mail)).ShouldNotBeEmpty();
    }

    [DbFact]
    public async Task The_confirmation_goes_out_as_a_real_message_in_the_users_language_with_a_working_link()
    {
        var customer = await CreateCustomerAsync();
        var pickup = Directory.CreateTempSubdirectory("accounts-mail").FullName;
        try
        {
            var host = await TestHost.StartAsync(Database, m => m.AddAccounts(), new Dictionary<string, string?>
            {
                ["Modular:Email:PickupDirectory"] = pickup,
                ["Modular:Links:Portal"] = "https://portal.apa-jiului.example/",
            });
            await using var _ = host;
            var email = NewEmail();
            (await host.SendAsync(Registration(email, customer) with { Culture = "lv" })).IsSuccess.ShouldBeTrue();
            await host.DrainOutboxAsync();
            await host.DrainOutboxAsync(); // a repeated run delivers nothing twice

            var messages = Directory.GetFiles(pickup, "*.eml").Select(f => MailFile.Parse(File.ReadAllText(f))).Where(m => m.To.Contains(email)).ToList();
            var message = messages.ShouldHaveSingleItem();
            message.Subject.ShouldBe("Apstipriniet savu e-pasta adresi");
            var link = message.FindLink("https://portal.apa-jiului.example/account/confirm?token=");
            link.ShouldNotBeNull();
            (await host.SendAsync(new ConfirmEmail(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]))).IsSuccess.ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(pickup, recursive: true);
        }
    }

    [DbFact]
    public async Task The_former_portal_base_url_setting_still_starts_the_links_when_the_links_setting_is_absent()
    {
        var customer = await CreateCustomerAsync();
        var pickup = Directory.CreateTempSubdirectory("accounts-mail").FullName;
        try
        {
            await using var host = await TestHost.StartAsync(Database, m => m.AddAccounts(), new Dictionary<string, string?>
            {
                ["Modular:Email:PickupDirectory"] = pickup,
                ["Modular:Links:Portal"] = null,
                ["Modular:Accounts:PortalBaseUrl"] = "https://old-setting.apa-jiului.example",
            });
            var email = NewEmail();
            (await host.SendAsync(Registration(email, customer))).IsSuccess.ShouldBeTrue();
            await host.DrainOutboxAsync();

            var message = Directory.GetFiles(pickup, "*.eml").Select(f => MailFile.Parse(File.ReadAllText(f))).Single(m => m.To.Contains(email));
            message.FindLink("https://old-setting.apa-jiului.example/account/confirm?token=").ShouldNotBeNull();
        }
        finally
        {
            Directory.Delete(pickup, recursive: true);
        }
    }

    /// <summary>What a caller can observe of a result.</summary>
    private static string Shape(Modular.Core.Results.Result result) =>
        $"{result.IsSuccess}|{string.Join(",", result.Errors.Select(e => e.Code + ":" + e.Field + ":" + string.Join(";", e.Arguments.Keys)))}|{result.Warnings.Count}|{result.GetType()}";
}

public sealed class SqliteRegistrationTests(SqliteDatabase database) : RegistrationTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresRegistrationTests(PostgresDatabase database) : RegistrationTests(database), IClassFixture<PostgresDatabase>;
