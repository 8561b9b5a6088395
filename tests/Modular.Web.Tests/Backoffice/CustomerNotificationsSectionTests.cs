using System.Net;
using System.Text.RegularExpressions;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Notifications.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>
/// The customer page's "notifications sent" section: what went to the customer's users, newest first, twenty at a time,
/// with links to older and newer ones that keep the rest of the page as it was.
/// </summary>
public abstract partial class CustomerNotificationsSectionTests(DemoPortal demo)
{
    [DbFact]
    public async Task The_section_pages_through_the_customers_messages_twenty_at_a_time()
    {
        // 21 outages at Alice's street: one message each to her (email by default), so the section has a second page.
        var premises = await demo.AsSystemAsync(async m => (await m.Send(new ListPremises(null, 5_000))).Value
            .First(p => p.CustomerId == demo.Alice.Customer.CustomerId && p.Locality is not null && p.Street is not null));
        var start = demo.Portal.Clock.GetCurrentInstant() + Duration.FromDays(1);
        for (var i = 0; i < 21; i++)
        {
            var announced = await demo.AsSystemAsync(m => m.Send(new AnnounceOutage(OutageKind.Planned, OutageServices.Water, start,
                start + Duration.FromHours(4), new OutageTexts($"Lucrări {i}.", $"Works {i}.", $"Darbi {i}."),
                [new OutageStreet(premises.Locality!, premises.Street)], null)));
            announced.IsSuccess.ShouldBeTrue(announced.ToString());
        }

        await demo.Portal.Services.DrainOutboxAsync();
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.CustomerService));
        var customerPage = $"/staff/customers/{demo.Alice.Customer.CustomerId}";

        var first = WebUtility.HtmlDecode(await browser.GetStringAsync(customerPage));
        var firstRows = Rows(first);
        firstRows.Count.ShouldBe(20);
        first.ShouldNotContain("data-testid=\"notifications-newer\"");
        var older = Link(first, "notifications-older");
        older.ShouldStartWith(customerPage + "?notifications=2");

        var second = WebUtility.HtmlDecode(await browser.GetStringAsync(older));
        var secondRows = Rows(second);
        secondRows.Count.ShouldBeGreaterThan(0);
        secondRows.ShouldNotContain(id => firstRows.Contains(id));
        second.ShouldContain("data-testid=\"customer-notifications\"");
        Link(second, "notifications-newer").ShouldStartWith(customerPage + "?notifications=1");
        if (secondRows.Count < 20)
        {
            second.ShouldNotContain("data-testid=\"notifications-older\"");
        }

        // A page past the end shows no rows but still the way back; nonsense is the first page.
        Rows(await browser.GetStringAsync(customerPage + "?notifications=999")).ShouldBeEmpty();
        Rows(await browser.GetStringAsync(customerPage + "?notifications=abc")).ShouldBe(firstRows);
    }

    private static List<string> Rows(string html) =>
        RowPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static string Link(string html, string testId)
    {
        var match = Regex.Match(html, $"<a href=\"([^\"]+)\" rel=\"[a-z]+\" data-testid=\"{testId}\"");
        match.Success.ShouldBeTrue($"no link {testId}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("data-notification=\"([0-9a-f-]+)\"")]
    private static partial Regex RowPattern();
}

public sealed class SqliteCustomerNotificationsSectionTests(SqliteDemoPortal demo) : CustomerNotificationsSectionTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresCustomerNotificationsSectionTests(PostgresDemoPortal demo) : CustomerNotificationsSectionTests(demo), IClassFixture<PostgresDemoPortal>;
