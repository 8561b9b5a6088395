using System.Text;
using Modular.Accounts;
using Modular.Accounts.Contracts;
using Modular.Core.Links;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Hosting.Tests;

/// <summary>Links in emails start with the public address: the setting, else the address the portal listens on.</summary>
public abstract class LinksTests(TestDatabase database)
{
    private const string Password = "ceai-de-tei-la-munte";

    [DbFact]
    public async Task In_development_a_link_in_an_email_starts_with_the_address_the_portal_listens_on()
    {
        await using var portal = await DefaultsHost.StartAsync(database, m => m.AddAccounts(), environment: "Development", kestrel: true);
        var address = portal.Address.ShouldNotBeNull();
        address.ShouldNotContain(":5000");

        var email = await RegisterAsync(portal);
        var link = ConfirmationLink(portal.Mail(), email);
        link.ShouldStartWith(address + "/account/confirm?token=");
        (await File.ReadAllTextAsync(Path.Combine(portal.DataFolder, "addresses", "portal.url"))).ShouldBe(address);
    }

    [DbFact]
    public async Task With_the_links_setting_a_link_starts_with_it_whatever_the_portal_listens_on()
    {
        await using var portal = await DefaultsHost.StartAsync(database, m => m.AddAccounts(), kestrel: true,
            settings: new Dictionary<string, string?> { ["Modular:Links:Portal"] = "https://portal.apa-jiului.example/" });

        var email = await RegisterAsync(portal);
        ConfirmationLink(portal.Mail(), email).ShouldStartWith("https://portal.apa-jiului.example/account/confirm?token=");
        File.Exists(Path.Combine(portal.DataFolder, "addresses", "portal.url")).ShouldBeFalse();
    }

    [DbFact]
    public async Task A_host_without_a_server_links_to_the_address_the_portal_recorded_in_the_shared_data_folder()
    {
        await using var portal = await DefaultsHost.StartAsync(database, m => m.AddAccounts(), environment: "Development", kestrel: true);
        var pickup = Directory.CreateTempSubdirectory("modular-worker-mail").FullName;
        await using var worker = await TestHost.StartAsync(database, m => m.AddAccounts(), new Dictionary<string, string?>
        {
            ["Modular:DataFolder"] = portal.DataFolder,
            ["Modular:Links:Portal"] = null,
            ["Modular:Email:PickupDirectory"] = pickup,
        });

        var email = await RegisterAsync(portal, request => worker.SendAsync(request));
        await worker.DrainOutboxAsync();
        var mail = Directory.GetFiles(pickup, "*.eml").Select(f => MailFile.Parse(File.ReadAllText(f))).ToList();
        ConfirmationLink(mail, email).ShouldStartWith(portal.Address + "/account/confirm?token=");
    }

    /// <summary>Imports a customer and registers a user for it (in the host that sends the request); answers the email.</summary>
    private static async Task<string> RegisterAsync(DefaultsHost portal, Func<RegisterUser, Task<Core.Results.Result>>? send = null)
    {
        var code = "C" + Random.Shared.Next(10_000_000, 99_999_999);
        var csv = "client_code,legal_type,name,email,phone,contract_number,internal_code,service_address,services,start_date,end_date\n" +
            $"{code},Individual,Popescu Ștefan,,0722123456,K-{code}-1,IC-{code}-1,\"Strada Mărășești nr. 1, Petroșani\",water,2020-01-01,\n";
        (await portal.SendAsync(new ImportCustomers(new MemoryStream(Encoding.UTF8.GetBytes(csv))))).IsSuccess.ShouldBeTrue();
        var email = $"user{code}@example.ro";
        var register = new RegisterUser(email, code, $"K-{code}-1", null, null, Password, Password, "1");
        var result = send is null ? await portal.SendAsync(register) : await send(register);
        result.IsSuccess.ShouldBeTrue(result.ToString());
        if (send is null)
        {
            await portal.DrainOutboxAsync();
        }

        return email;
    }

    private static string ConfirmationLink(IEnumerable<MailFile> mail, string email) =>
        mail.Single(m => m.To.Contains(email, StringComparison.Ordinal)).FindLink("/account/confirm?token=").ShouldNotBeNull();
}

public sealed class SqliteLinksTests(SqliteDatabase database) : LinksTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresLinksTests(PostgresDatabase database) : LinksTests(database), IClassFixture<PostgresDatabase>;
