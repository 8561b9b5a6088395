using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Several client codes per user, the access scope other modules filter by, the directory queries and the profile.</summary>
public abstract class ProfileAndAccessTests(TestDatabase database) : AccountsTestBase(database)
{
    [DbFact]
    public async Task A_user_sees_exactly_the_contracts_of_their_linked_client_codes()
    {
        var mine = await CreateCustomerAsync(contracts: 2);
        var other = await CreateCustomerAsync();
        var userId = await CreateConfirmedUserAsync(NewEmail(), mine);

        var contracts = (await Host.SendAsync(new GetMyContracts(), As(userId))).Value;
        contracts.Select(c => c.ContractNumber).ShouldBe([$"K-{mine.ClientCode}-1", $"K-{mine.ClientCode}-2"]);
        contracts[0].ServiceAddress.ShouldBe("Strada Mărășești nr. 1, Petroșani");
        contracts[0].Services.ShouldBe(ConnectedServices.Water | ConnectedServices.Sewerage);
        contracts[0].StartDate.ShouldBe(new NodaTime.LocalDate(2020, 1, 1));

        var otherContract = (await Host.SendAsync(new FindCustomerByClientCode(other.ClientCode))).Value;
        var otherContractId = (await Host.SendAsync(new GetMyContracts())).Value.Single(c => c.CustomerId == otherContract.CustomerId).ContractId;
        (await Host.SendAsync(new GetContract(otherContractId), As(userId))).Error.Code.ShouldBe(CoreErrors.NotFound);
        (await Host.SendAsync(new GetContract(contracts[0].ContractId), As(userId))).Value.ClientCode.ShouldBe(mine.ClientCode);

        await using var scope = Host.BeginScope(As(userId));
        var scopeAnswer = await scope.Resolve<IAccessScope>().GetAsync();
        scopeAnswer.CustomerIds.ShouldBe([mine.Id]);
        scopeAnswer.ContractIds.Count.ShouldBe(2);
    }

    [DbFact]
    public async Task Anonymous_callers_see_nothing_and_system_callers_see_everything()
    {
        var customer = await CreateCustomerAsync();
        (await Host.SendAsync(new GetMyContracts(), AnonymousUser.Instance)).Error.Code.ShouldBe("core.forbidden");
        (await Host.SendAsync(new GetMyContracts())).Value.ShouldContain(c => c.ClientCode == customer.ClientCode);
    }

    [DbFact]
    public async Task A_user_adds_a_client_code_with_its_proof_and_removes_it()
    {
        var first = await CreateCustomerAsync();
        var second = await CreateCustomerAsync(legalType: LegalType.OwnersAssociation);
        var userId = await CreateConfirmedUserAsync(NewEmail(), first);

        (await Host.SendAsync(new LinkClientCode(second.ClientCode, "K-wrong", null, null), As(userId))).Error.Code.ShouldBe("accounts.client_code_or_proof_invalid");
        (await Host.SendAsync(new LinkClientCode(second.ClientCode, second.ContractNumber, null, null), As(userId))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new LinkClientCode(second.ClientCode, second.ContractNumber, null, null), As(userId))).IsSuccess.ShouldBeTrue();
        (await OutboxCountAsync(nameof(ClientCodeLinked), userId)).ShouldBe(2); // registration + the second code, not the repeat

        var profile = (await Host.SendAsync(new GetProfile(), As(userId))).Value;
        profile.Customers.Select(c => c.ClientCode).Order().ShouldBe(new[] { first.ClientCode, second.ClientCode }.Order());
        profile.Customers.Single(c => c.ClientCode == second.ClientCode).LegalType.ShouldBe(LegalType.OwnersAssociation);

        (await Host.SendAsync(new UnlinkClientCode(first.ClientCode), As(userId))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new UnlinkClientCode(first.ClientCode), As(userId))).Error.Code.ShouldBe("accounts.client_code_not_linked");
        (await Host.SendAsync(new GetMyContracts(), As(userId))).Value.Select(c => c.ClientCode).ShouldBe([second.ClientCode]);
        (await OutboxCountAsync(nameof(ClientCodeUnlinked), userId)).ShouldBe(1);
    }

    [DbFact]
    public async Task Concurrent_links_of_the_same_client_code_add_one_link()
    {
        var first = await CreateCustomerAsync();
        var second = await CreateCustomerAsync();
        var userId = await CreateConfirmedUserAsync(NewEmail(), first);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => Host.SendAsync(new LinkClientCode(second.ClientCode, second.ContractNumber, null, null), As(userId)))));
        results.ShouldAllBe(r => r.IsSuccess);
        (await InDbAsync(db => db.UserCustomers.CountAsync(l => l.UserId == userId))).ShouldBe(2);
    }

    [DbFact]
    public async Task System_only_queries_refuse_portal_users()
    {
        var customer = await CreateCustomerAsync();
        var userId = await CreateConfirmedUserAsync(NewEmail(), customer);
        (await Host.SendAsync(new ListContracts(null, 10), As(userId))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await Host.SendAsync(new FindCustomerByClientCode(customer.ClientCode), As(userId))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await Host.SendAsync(new GetInvoiceEmailRecipients(customer.Id), As(userId))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await Host.SendAsync(new ImportCustomers(new MemoryStream()), As(userId))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await Host.SendAsync(new EnsureDemoUser("x@example.ro", Password, customer.ClientCode), As(userId))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await Host.SendAsync(new FindCustomerByClientCode("no-such-code"))).Error.Code.ShouldBe(CoreErrors.NotFound);
    }

    [DbFact]
    public async Task Listing_contracts_by_pages_returns_each_contract_once_in_id_order()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateCustomerAsync(contracts: 3);
        }

        var all = new List<ContractSummary>();
        Guid? after = null;
        while (true)
        {
            var page = (await Host.SendAsync(new ListContracts(after, 4))).Value;
            if (page.Count == 0)
            {
                break;
            }

            page.Count.ShouldBeLessThanOrEqualTo(4);
            all.AddRange(page);
            after = page[^1].ContractId;
        }

        var total = await InDbAsync(db => db.Contracts.CountAsync());
        all.Count.ShouldBe(total);
        all.Select(c => c.ContractId).Distinct().Count().ShouldBe(total);
        (await Host.SendAsync(new ListContracts(null, 0))).Error.Code.ShouldBe(CoreErrors.Invalid);
    }

    [DbFact]
    public async Task Contracts_are_found_by_their_numbers_unknown_ones_left_out_and_portal_users_refused()
    {
        var customer = await CreateCustomerAsync(contracts: 2);
        var other = await CreateCustomerAsync();
        var userId = await CreateConfirmedUserAsync(NewEmail(), customer);

        var found = (await Host.SendAsync(new FindContractsByNumber([$"K-{customer.ClientCode}-2", $" K-{other.ClientCode}-1 ", "K-NOSUCH-1", ""]))).Value;

        found.Select(c => c.ContractNumber).ShouldBe([$"K-{customer.ClientCode}-2", $"K-{other.ClientCode}-1"], ignoreOrder: true);
        found.Single(c => c.ContractNumber == $"K-{customer.ClientCode}-2").ClientCode.ShouldBe(customer.ClientCode);
        (await Host.SendAsync(new FindContractsByNumber([$"K-{customer.ClientCode}-1"]), As(userId))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await Host.SendAsync(new FindContractsByNumber(Enumerable.Range(0, 1001).Select(i => $"K-{i}").ToList()))).Error.Code.ShouldBe(CoreErrors.Invalid);
    }

    [DbFact]
    public async Task The_profile_keeps_phone_and_language_and_announces_contact_changes()
    {
        var userId = await CreateConfirmedUserAsync(NewEmail(), await CreateCustomerAsync());
        (await Host.SendAsync(new UpdateProfile("12345", "ro"), As(userId))).Error.Code.ShouldBe("accounts.phone_invalid");
        (await Host.SendAsync(new UpdateProfile("0722 000 111", "de"), As(userId))).Error.Code.ShouldBe("accounts.culture_unsupported");
        (await Host.SendAsync(new UpdateProfile("0722 000 111", "lv"), As(userId))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new UpdateProfile("0722000111", "lv"), As(userId))).IsSuccess.ShouldBeTrue();

        var profile = (await Host.SendAsync(new GetProfile(), As(userId))).Value;
        profile.Phone.ShouldBe("0722000111");
        profile.Culture.ShouldBe("lv");
        (await OutboxCountAsync(nameof(ContactDataChanged), userId)).ShouldBe(1);

        // Emails follow the chosen language.
        await Host.SendAsync(new ChangePassword(Password, "jauna-parole-rigai", "jauna-parole-rigai"), As(userId));
        await Host.DrainOutboxAsync();
        Mail.To(profile.Email).Last().Subject.ShouldBe("Jūsu parole ir mainīta");
    }

    [DbFact]
    public async Task Invoice_by_email_needs_the_current_conditions_and_decides_the_recipients()
    {
        var customer = await CreateCustomerAsync();
        var email = NewEmail();
        var userId = await CreateConfirmedUserAsync(email, customer);
        await Host.SendAsync(Registration(NewEmail(), customer)); // unconfirmed: never a recipient

        (await Host.SendAsync(new SetInvoiceByEmail(true, null), As(userId))).Error.Code.ShouldBe("accounts.invoice_conditions_outdated");
        (await Host.SendAsync(new SetInvoiceByEmail(true, "0"), As(userId))).Error.Code.ShouldBe("accounts.invoice_conditions_outdated");
        (await Host.SendAsync(new GetInvoiceEmailRecipients(customer.Id))).Value.ShouldBeEmpty();

        (await Host.SendAsync(new SetInvoiceByEmail(true, "1"), As(userId))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new SetInvoiceByEmail(true, "1"), As(userId))).IsSuccess.ShouldBeTrue();
        var profile = (await Host.SendAsync(new GetProfile(), As(userId))).Value;
        profile.InvoiceByEmail.ShouldBeTrue();
        profile.InvoiceConditionsVersion.ShouldBe("1");
        profile.InvoiceConditionsAcceptedAt.ShouldBe(Host.Clock.GetCurrentInstant());
        (await Host.SendAsync(new GetInvoiceEmailRecipients(customer.Id))).Value.ShouldBe([new InvoiceEmailRecipient(userId, email, "ro")]);
        (await OutboxCountAsync(nameof(PaperlessChanged), userId)).ShouldBe(1);

        (await Host.SendAsync(new SetInvoiceByEmail(false, null), As(userId))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new GetInvoiceEmailRecipients(customer.Id))).Value.ShouldBeEmpty();
        (await OutboxCountAsync(nameof(PaperlessChanged), userId)).ShouldBe(2);
    }

    [DbFact]
    public async Task Customer_contacts_are_all_confirmed_linked_users_in_their_language_for_system_callers_only()
    {
        var customer = await CreateCustomerAsync();
        var other = await CreateCustomerAsync();
        var first = NewEmail();
        var second = NewEmail();
        var firstId = await CreateConfirmedUserAsync(first, customer);
        var secondId = await CreateConfirmedUserAsync(second, customer);
        await CreateConfirmedUserAsync(NewEmail(), other);
        await Host.SendAsync(Registration(NewEmail(), customer)); // unconfirmed: never a contact
        (await Host.SendAsync(new UpdateProfile(null, "lv"), As(secondId))).IsSuccess.ShouldBeTrue();

        var contacts = (await Host.SendAsync(new GetCustomerContacts(customer.Id))).Value;
        contacts.OrderBy(c => c.UserId).ShouldBe(new[] { new CustomerContact(firstId, first, "ro"), new CustomerContact(secondId, second, "lv") }.OrderBy(c => c.UserId));
        (await Host.SendAsync(new GetCustomerContacts(Guid.NewGuid()))).Value.ShouldBeEmpty();
        (await Host.SendAsync(new GetCustomerContacts(customer.Id), As(firstId))).Error.Code.ShouldBe(CoreErrors.Forbidden);
    }

    [DbFact]
    public async Task Commands_for_the_current_user_refuse_anonymous_callers()
    {
        (await Host.SendAsync(new GetProfile(), AnonymousUser.Instance)).Error.Code.ShouldBe("core.forbidden");
        (await Host.SendAsync(new UpdateProfile(null, "ro"), AnonymousUser.Instance)).Error.Code.ShouldBe("core.forbidden");
        (await Host.SendAsync(new SetInvoiceByEmail(false, null), AnonymousUser.Instance)).Error.Code.ShouldBe("core.forbidden");
    }
}

public sealed class SqliteProfileAndAccessTests(SqliteDatabase database) : ProfileAndAccessTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresProfileAndAccessTests(PostgresDatabase database) : ProfileAndAccessTests(database), IClassFixture<PostgresDatabase>;
