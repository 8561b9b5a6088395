using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Email;
using Modular.Core.Results;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Captures the emails the module sends, so tests can follow their links.</summary>
public sealed class CapturedMail : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> _messages = new();

    public IReadOnlyList<EmailMessage> Messages => _messages.ToList();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        _messages.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<EmailMessage> To(string address) =>
        Messages.Where(m => string.Equals(m.To, address, StringComparison.OrdinalIgnoreCase)).ToList();
}

/// <summary>A started host with the Accounts module on the class's database, plus helpers to create customers and users.</summary>
public abstract partial class AccountsTestBase(TestDatabase database) : IAsyncLifetime
{
    public const string Password = "ceai-de-tei-la-munte";

    protected TestDatabase Database { get; } = database;

    protected TestHost Host { get; private set; } = null!;

    protected CapturedMail Mail { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => (Host, Mail) = await StartHostAsync(Settings);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Another host on the same database (e.g. with other options); the caller disposes it.</summary>
    protected async Task<(TestHost Host, CapturedMail Mail)> StartHostAsync(IDictionary<string, string?> settings)
    {
        var mail = new CapturedMail();
        var host = await TestHost.StartAsync(Database, m => m.AddAccounts(), settings,
            services: s => s.AddSingleton<IEmailSender>(mail));
        return (host, mail);
    }

    protected static string Unique(string prefix = "") => prefix + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    protected static string NewEmail() => $"user{Unique()}@example.ro";

    /// <summary>A customer with one contract (and the given phone), imported through the CSV command.</summary>
    protected async Task<TestCustomer> CreateCustomerAsync(string? phone = "0722123456", LegalType legalType = LegalType.Individual, int contracts = 1)
    {
        var code = Unique("C");
        var csv = new StringBuilder("client_code,legal_type,name,email,phone,contract_number,internal_code,service_address,services,start_date,end_date\n");
        for (var i = 1; i <= contracts; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{code},{legalType},Popescu Ștefan,,{phone},K-{code}-{i},IC-{code}-{i},\"Strada Mărășești nr. {i}, Petroșani\",water;sewerage,2020-01-01,\n");
        }

        var report = (await ImportAsync(csv.ToString())).Value;
        report.Rejected.ShouldBeEmpty();
        var customer = (await Host.SendAsync(new FindCustomerByClientCode(code))).Value;
        return new TestCustomer(customer.CustomerId, code, $"K-{code}-1", $"IC-{code}-1", phone);
    }

    protected Task<Result<ImportReport>> ImportAsync(string csv, TestHost? host = null) =>
        (host ?? Host).SendAsync(new ImportCustomers(new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    protected static RegisterUser Registration(string email, TestCustomer customer, string password = Password) =>
        new(email, customer.ClientCode, customer.ContractNumber, null, null, password, password, "1");

    /// <summary>Registers, delivers the confirmation email and confirms; answers the user id.</summary>
    protected async Task<Guid> CreateConfirmedUserAsync(string email, TestCustomer customer, string password = Password)
    {
        (await Host.SendAsync(Registration(email, customer, password))).IsSuccess.ShouldBeTrue();
        var token = await LatestTokenAsync(email, "/account/confirm?");
        (await Host.SendAsync(new ConfirmEmail(token))).IsSuccess.ShouldBeTrue();
        return (await Host.SendAsync(new LogIn(email, password))).Value.UserId;
    }

    /// <summary>Delivers pending outbox messages, then answers the token of the newest email to the address with a link containing <paramref name="path"/>.</summary>
    protected async Task<string> LatestTokenAsync(string email, string path, TestHost? host = null, CapturedMail? mail = null)
    {
        await (host ?? Host).DrainOutboxAsync();
        var message = (mail ?? Mail).To(email).LastOrDefault(m => Decoded(m).Contains(path, StringComparison.Ordinal));
        message.ShouldNotBeNull($"no email to {email} with a link to {path}");
        return TokenOf(Decoded(message));
    }

    protected static string TokenOf(string text) => TokenPattern().Match(text).Groups[1].Value;

    /// <summary>The HTML body with entities decoded (templates escape '&amp;' in links; browsers decode it back).</summary>
    protected static string Decoded(EmailMessage message) => System.Net.WebUtility.HtmlDecode(message.HtmlBody);

    protected static Caller As(Guid userId) => Caller.Customer(userId);

    private protected Task<T> InDbAsync<T>(Func<AccountsDbContext, Task<T>> action) => Host.WithContextAsync(action);

    /// <summary>Outbox messages of a contract event type that mention the id.</summary>
    protected Task<int> OutboxCountAsync(string eventType, Guid about)
    {
        var prefix = "Modular.Accounts.Contracts." + eventType + ",";
        var id = about.ToString();
        return InDbAsync(db => db.OutboxMessages.CountAsync(m => m.Type.StartsWith(prefix) && m.Payload.Contains(id)));
    }

    [GeneratedRegex("token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();
}

public sealed record TestCustomer(Guid Id, string ClientCode, string ContractNumber, string InternalCode, string? Phone);
