using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>An address mail servers would refuse is refused wherever an email is entered, and nothing is stored.</summary>
public abstract class EmailAddressTests(TestDatabase database) : AccountsTestBase(database)
{
    public static TheoryData<string> Undeliverable => ["\u202Ea@x.ro", "a\u200B@x.ro", "ștefan@x.ro", "\"a b\"@x.ro", "a@x\u202E.ro"];

    [DbTheory]
    [MemberData(nameof(Undeliverable))]
    public async Task Registration_refuses_an_undeliverable_address_and_creates_no_user(string address)
    {
        (await Host.SendAsync(Registration(address, await CreateCustomerAsync()))).Error.Code.ShouldBe("accounts.email_invalid");
        (await InDbAsync(db => db.Users.CountAsync(u => u.Email == address))).ShouldBe(0);
    }

    [DbTheory]
    [MemberData(nameof(Undeliverable))]
    public async Task An_email_change_to_an_undeliverable_address_is_refused(string address)
    {
        var userId = await CreateConfirmedUserAsync(NewEmail(), await CreateCustomerAsync());
        (await Host.SendAsync(new RequestEmailChange(address, Password), As(userId))).Error.Code.ShouldBe("accounts.email_invalid");
        await Host.DrainOutboxAsync();
        Mail.To(address).ShouldBeEmpty();
    }

    [DbTheory]
    [MemberData(nameof(Undeliverable))]
    public async Task A_staff_account_with_an_undeliverable_address_is_refused(string address)
    {
        (await Host.SendAsync(new CreateStaffMember(address, "Maria Casier", [StaffRoles.Cashier]))).Error.Code.ShouldBe("accounts.email_invalid");
        (await Host.SendAsync(new ListStaffMembers())).Value.ShouldNotContain(s => s.Email == address);
    }

    [DbTheory]
    [MemberData(nameof(Undeliverable))]
    public async Task An_imported_customer_with_an_undeliverable_address_is_rejected(string address)
    {
        var code = Unique("C");
        var csv = "client_code,legal_type,name,email,phone,contract_number,internal_code,service_address,services,start_date,end_date\n"
            + $"{code},individual,Popescu Ana,\"{address.Replace("\"", "\"\"", StringComparison.Ordinal)}\",,K-{code}-1,,Adresă,water,2020-01-01,\n";
        var report = (await ImportAsync(csv)).Value;
        report.Rejected.ShouldHaveSingleItem().Code.ShouldBe("accounts.import.email_invalid");
        (await InDbAsync(db => db.Customers.CountAsync(c => c.ClientCode == code))).ShouldBe(0);
    }

    [DbFact]
    public async Task An_internationalized_domain_registers()
    {
        var address = $"ion{Unique()}@bucurești.ro";
        (await Host.SendAsync(Registration(address, await CreateCustomerAsync()))).IsSuccess.ShouldBeTrue();
        await Host.DrainOutboxAsync();
        Mail.To(address).ShouldHaveSingleItem();
    }
}

public sealed class SqliteEmailAddressTests(SqliteDatabase database) : EmailAddressTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresEmailAddressTests(PostgresDatabase database) : EmailAddressTests(database), IClassFixture<PostgresDatabase>;
