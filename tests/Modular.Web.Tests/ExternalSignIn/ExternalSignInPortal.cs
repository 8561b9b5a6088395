using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.ExternalSignIn;

/// <summary>
/// A portal with two OpenID Connect providers, <c>bank</c> and <c>eid</c>, each a real server on its own port, and two
/// individual customers with personal codes. The portal's clock starts at the real time: the providers' tokens carry it.
/// </summary>
public abstract class ExternalSignInPortal(TestDatabase database) : IAsyncLifetime
{
    public const string ClientA = "900001";
    public const string ContractA = "CT-900001-1";
    public const string CnpA = "1850101123451";
    public const string ClientB = "900002";
    public const string ContractB = "CT-900002-1";
    public const string CnpB = "2900202234563";
    public const string Password = "Ceai-de-tei-la-munte-7";

    public static readonly string HashKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public PortalFactory Portal { get; private set; } = null!;

    public TestDatabase Database => database;

    public TestOpenIdProvider Bank { get; private set; } = null!;

    /// <summary>The second provider; the "provider down" test stops it.</summary>
    public TestOpenIdProvider Eid { get; private set; } = null!;

    public Dictionary<string, string?> Settings(bool passwordRegistration = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Modular:Accounts:IdentityHashKey"] = HashKey,
            ["Modular:Accounts:PasswordRegistration"] = passwordRegistration ? "true" : "false",
        };
        Provider(settings, 0, "bank", Bank, "Banca de Test", "Test Bank");
        Provider(settings, 1, "eid", Eid, "eID de test", "Test eID");
        return settings;
    }

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        Bank = await TestOpenIdProvider.StartAsync();
        Eid = await TestOpenIdProvider.StartAsync();
        Portal = new PortalFactory(database, Settings(), new FakeClock(SystemClock.Instance.GetCurrentInstant()));
        _ = Portal.Server;
        const string Csv = "client_code,legal_type,name,contract_number,service_address,services,start_date,personal_code\n"
            + $"{ClientA},individual,Ana Stan,{ContractA},Strada Unirii 2,water,2019-01-01,{CnpA}\n"
            + $"{ClientB},individual,Ion Pop,{ContractB},Strada Unirii 4,water,2019-01-01,{CnpB}\n";
        await AsSystemAsync(async mediator =>
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Csv));
            var report = (await mediator.Send(new ImportCustomers(stream))).Value;
            report.Rejected.ShouldBeEmpty();
            return report;
        });
    }

    public async Task DisposeAsync()
    {
        // Null when the database was not available and the tests were skipped.
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        if (Bank is not null)
        {
            await Bank.DisposeAsync();
        }

        if (Eid is not null)
        {
            await Eid.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    public async Task<T> AsSystemAsync<T>(Func<IMediator, Task<T>> action)
    {
        await using var scope = Portal.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.System);
        return await action(scope.Resolve<IMediator>());
    }

    private static void Provider(Dictionary<string, string?> settings, int index, string scheme, TestOpenIdProvider provider, string ro, string en)
    {
        var at = $"Modular:Accounts:ExternalProviders:{index}:";
        settings[at + "Scheme"] = scheme;
        settings[at + "Authority"] = provider.Authority;
        settings[at + "ClientId"] = TestOpenIdProvider.ClientId;
        settings[at + "ClientSecret"] = TestOpenIdProvider.ClientSecret;
        settings[at + "Scopes:0"] = "email";
        settings[at + "NationalIdClaim"] = "national_id";
        settings[at + "VerifiesEmail"] = "true";
        settings[at + "RequireHttpsMetadata"] = "false";
        settings[at + "DisplayName:ro"] = ro;
        settings[at + "DisplayName:en"] = en;
        settings[at + "DisplayName:lv"] = en;
    }
}

public sealed class SqliteExternalSignInPortal() : ExternalSignInPortal(new SqliteDatabase());

public sealed class PostgresExternalSignInPortal() : ExternalSignInPortal(new PostgresDatabase());
