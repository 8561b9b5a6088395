using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>
/// Registration and log-in through an external provider at the module's boundary: the identity number must be the
/// customer's, only its keyed hash is stored, one identity is one account however requests race, and unlinking never
/// leaves a user without a way in. (The OpenID Connect round trip itself is tested in the portal's tests.)
/// </summary>
public abstract class ExternalLoginTests(TestDatabase database) : AccountsTestBase(database)
{
    private const string Cnp = "1850101123451";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Modular:Accounts:IdentityHashKey"] = Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray()),
    };

    [DbFact]
    public async Task Registering_through_a_provider_stores_a_keyed_hash_never_the_identity_number()
    {
        var (code, contract) = await CustomerWithPersonalCodeAsync(Cnp);
        var identity = Identity("PNORO-" + Cnp);

        var registered = await Host.SendAsync(Registration(identity, code, contract));

        registered.Value.LogIn.ShouldNotBeNull("the provider verified the email: signed in at once");
        var link = await InDbAsync(db => db.ExternalLogins.SingleAsync(l => l.Subject == identity.Subject));
        link.UserId.ShouldBe(registered.Value.UserId);
        link.IdentityHash.Length.ShouldBe(64);
        link.IdentityHash.ShouldNotContain(Cnp);
        (await OutboxCountAsync(nameof(UserRegistered), registered.Value.UserId)).ShouldBe(1);
        (await OutboxCountAsync(nameof(UserConfirmed), registered.Value.UserId)).ShouldBe(1);
        (await Host.SendAsync(new LogInWithProvider(identity))).Value.UserId.ShouldBe(registered.Value.UserId);
    }

    [DbFact]
    public async Task An_email_the_provider_did_not_verify_must_be_confirmed_by_link_first()
    {
        var (code, contract) = await CustomerWithPersonalCodeAsync(Cnp);
        var identity = Identity(Cnp) with { EmailVerified = false };

        var registered = await Host.SendAsync(Registration(identity, code, contract));

        registered.Value.LogIn.ShouldBeNull();
        (await Host.SendAsync(new LogInWithProvider(identity))).Error.Code.ShouldBe("accounts.email_not_confirmed");
        await LatestTokenAsync(identity.Email!, "/account/confirm?token=");
    }

    [DbFact]
    public async Task Another_customers_identity_number_is_refused_and_changes_nothing()
    {
        var (code, contract) = await CustomerWithPersonalCodeAsync(Cnp);
        var identity = Identity("2900202234563");

        (await Host.SendAsync(Registration(identity, code, contract))).Error.Code.ShouldBe("accounts.external_identity_mismatch");

        (await InDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == identity.Email))).ShouldBe(0);
        (await InDbAsync(db => db.ExternalLogins.CountAsync(l => l.Subject == identity.Subject))).ShouldBe(0);
    }

    [DbFact]
    public async Task A_customer_without_a_recorded_personal_code_cannot_register_through_a_provider()
    {
        var customer = await CreateCustomerAsync();

        (await Host.SendAsync(Registration(Identity(Cnp), customer.ClientCode, customer.ContractNumber))).Error.Code
            .ShouldBe("accounts.external_identity_mismatch");
    }

    [DbFact]
    public async Task Two_registrations_racing_with_one_identity_create_one_account()
    {
        var (code, contract) = await CustomerWithPersonalCodeAsync(Cnp);
        var identity = Identity(Cnp);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Host.SendAsync(Registration(identity with { Email = $"race{i}-{identity.Email}" }, code, contract))));

        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "accounts.external_login_taken");
        (await InDbAsync(db => db.ExternalLogins.CountAsync(l => l.Subject == identity.Subject))).ShouldBe(1);
    }

    [DbFact]
    public async Task A_provider_that_now_names_another_identity_number_for_the_subject_is_refused()
    {
        var (code, contract) = await CustomerWithPersonalCodeAsync(Cnp);
        var identity = Identity(Cnp);
        (await Host.SendAsync(Registration(identity, code, contract))).IsSuccess.ShouldBeTrue();

        (await Host.SendAsync(new LogInWithProvider(identity with { NationalId = "2900202234563" }))).Error.Code
            .ShouldBe("accounts.external_identity_mismatch");
    }

    [DbFact]
    public async Task The_last_way_to_sign_in_cannot_be_unlinked_but_a_password_users_provider_can()
    {
        var (code, contract) = await CustomerWithPersonalCodeAsync(Cnp);
        var providerOnly = Identity(Cnp);
        var registered = await Host.SendAsync(Registration(providerOnly, code, contract));
        (await Host.SendAsync(new UnlinkExternalLogin("bank"), As(registered.Value.UserId))).Error.Code.ShouldBe("accounts.external_login_last_method");

        var customer = await CreateCustomerAsync();
        var withPassword = await CreateConfirmedUserAsync(NewEmail(), customer);
        var second = Identity(Cnp);
        (await Host.SendAsync(new LinkExternalLogin(second), As(withPassword))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new GetExternalLogins(), As(withPassword))).Value.Providers.Single().Provider.ShouldBe("bank");
        (await Host.SendAsync(new LinkExternalLogin(Identity(Cnp)), As(withPassword))).Error.Code.ShouldBe("accounts.external_provider_already_linked");
        (await Host.SendAsync(new LinkExternalLogin(second), As(registered.Value.UserId))).Error.Code.ShouldBe("accounts.external_login_taken");
        (await Host.SendAsync(new UnlinkExternalLogin("bank"), As(withPassword))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new LogInWithProvider(second))).Error.Code.ShouldBe("accounts.external_login_not_linked");
    }

    [DbFact]
    public async Task A_password_log_in_to_an_account_without_a_password_is_refused_like_a_wrong_password()
    {
        var (code, contract) = await CustomerWithPersonalCodeAsync(Cnp);
        var identity = Identity(Cnp);
        (await Host.SendAsync(Registration(identity, code, contract))).IsSuccess.ShouldBeTrue();

        (await Host.SendAsync(new LogIn(identity.Email!, string.Empty))).Error.Code.ShouldBe("accounts.invalid_credentials");
        (await Host.SendAsync(new LogIn(identity.Email!, Password))).Error.Code.ShouldBe("accounts.invalid_credentials");
    }

    [DbFact]
    public async Task With_password_registration_off_a_password_registration_is_refused()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Modular:Accounts:PasswordRegistration"] = "false" };
        var (closed, _) = await StartHostAsync(settings);
        await using var _1 = closed;
        var customer = await CreateCustomerAsync();

        (await closed.SendAsync(Registration(NewEmail(), customer))).Error.Code.ShouldBe("accounts.password_registration_disabled");
        (await closed.SendAsync(new GetAccountSettings())).Value.PasswordRegistration.ShouldBeFalse();
    }

    private static ExternalIdentity Identity(string nationalId)
    {
        var id = Guid.NewGuid().ToString("N");
        return new ExternalIdentity("bank", "sub-" + id, nationalId, $"eid{id[..12]}@example.ro", EmailVerified: true);
    }

    private static RegisterWithProvider Registration(ExternalIdentity identity, string clientCode, string contract) =>
        new(identity, identity.Email!, clientCode, contract, null, null, "1");

    private async Task<(string ClientCode, string Contract)> CustomerWithPersonalCodeAsync(string personalCode)
    {
        var code = Unique("P");
        var csv = "client_code,legal_type,name,contract_number,service_address,services,start_date,personal_code\n"
            + string.Create(CultureInfo.InvariantCulture, $"{code},individual,Stan Ana,K-{code}-1,Strada Unirii 2,water,2020-01-01,{personalCode}\n");
        (await ImportAsync(csv)).Value.Rejected.ShouldBeEmpty();
        return (code, $"K-{code}-1");
    }
}

public sealed class SqliteExternalLoginTests(SqliteDatabase database) : ExternalLoginTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresExternalLoginTests(PostgresDatabase database) : ExternalLoginTests(database), IClassFixture<PostgresDatabase>;
