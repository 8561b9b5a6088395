using System.Diagnostics;
using System.Net;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using Shouldly;

namespace Modular.Web.Tests;

/// <summary>A portal user of its own for one test, linked to one demo client code, and what the tests need around it.</summary>
public sealed record PortalUser(Guid UserId, string Email, string ClientCode, ContractSummary Contract, IReadOnlyList<InvoiceSummary> Invoices,
    IReadOnlyList<MeterView> Meters);

internal static class ProfileSupport
{
    public static async Task<PortalUser> NewUserAsync(this DemoPortal demo, string clientCode)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var userId = await demo.AsSystemAsync(async m => (await m.Send(new EnsureDemoUser(email, DemoPortal.Password, clientCode))).Value);
        var (contract, invoices, meters) = await demo.CustomerDataAsync(clientCode);
        return new PortalUser(userId, email, clientCode, contract, invoices, meters);
    }

    public static Task<(ContractSummary Contract, IReadOnlyList<InvoiceSummary> Invoices, IReadOnlyList<MeterView> Meters)> CustomerDataAsync(
        this DemoPortal demo, string clientCode) => demo.AsSystemAsync(async m =>
    {
        var contract = (await m.Send(new ListContracts(null, 1000))).Value.First(c => c.ClientCode == clientCode);
        var invoices = (await m.Send(new GetInvoices(CustomerId: contract.CustomerId))).Value;
        var meters = (await m.Send(new GetMetersForContract(contract.ContractId))).Value;
        return (contract, invoices, meters);
    });

    /// <summary>Runs a request as the portal user (their access scope), outside any HTTP request.</summary>
    public static async Task<T> AsUserAsync<T>(this DemoPortal demo, Guid userId, Func<IMediator, Task<T>> action)
    {
        await using var scope = demo.Portal.Services.BeginCallerScope(Caller.Customer(userId));
        return await action(scope.Resolve<IMediator>());
    }

    public static Task<UserProfile> ProfileAsync(this DemoPortal demo, Guid userId) =>
        demo.AsUserAsync(userId, async m => (await m.Send(new GetProfile())).Value);

    /// <summary>Logs in through the real page; the client keeps the session when it succeeds (302).</summary>
    public static async Task<(HttpStatusCode Status, HttpClient Client)> TryLogInAsync(this DemoPortal demo, string email, string password)
    {
        var client = demo.Portal.Client();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        var response = await PortalFactory.PostFormAsync(client, "/Account/Login", token, ("Email", email), ("Password", password));
        return (response.StatusCode, client);
    }

    public static async Task<HttpClient> LogInAsync(this DemoPortal demo, PortalUser user)
    {
        var (status, client) = await demo.TryLogInAsync(user.Email, DemoPortal.Password);
        status.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>Waits for the outbox to deliver a mail to <paramref name="to"/> with a link containing <paramref name="linkFragment"/>; returns the link's path and query.</summary>
    public static async Task<string> WaitForLinkAsync(string pickupFolder, string to, string linkFragment) =>
        new Uri(await Poll.ForAsync(() => Task.FromResult(Mails(pickupFolder, to).Select(m => m.FindLink(linkFragment)).FirstOrDefault(l => l is not null)),
            $"a mail to {to} with a link to {linkFragment}")).PathAndQuery;

    /// <summary>The mails to <paramref name="to"/> that Accounts sends (confirmations, resets, changes), leaving out receipts and invoices of payments made meanwhile.</summary>
    public static IReadOnlyList<MailFile> AccountMails(string pickupFolder, string to) =>
        Mails(pickupFolder, to).Where(m => AccountSubjects.Value.Contains(m.Subject.Trim())).ToList();

    private static readonly Lazy<HashSet<string>> AccountSubjects = new(() =>
    {
        var accounts = System.Reflection.Assembly.Load("Modular.Accounts");
        return accounts.GetManifestResourceNames().Where(n => n.EndsWith(".subject.scriban", StringComparison.Ordinal))
            .Select(n => new StreamReader(accounts.GetManifestResourceStream(n)!).ReadToEnd().Trim())
            .ToHashSet(StringComparer.Ordinal);
    });

    public static IReadOnlyList<MailFile> Mails(string pickupFolder, string to) => Directory.Exists(pickupFolder)
        ? Directory.GetFiles(pickupFolder, "*.eml").Select(f => MailFile.Parse(File.ReadAllText(f)))
            .Where(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase)).ToList()
        : [];
}
