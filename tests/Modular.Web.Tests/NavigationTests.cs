using System.Text.RegularExpressions;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>The menu the modules contribute: in their order, and exactly one entry marked as the current page.</summary>
public abstract partial class NavigationTests(TestDatabase database)
{
    [DbTheory]
    [InlineData("/", "/")]
    [InlineData("/Invoices", "/Invoices")]
    [InlineData("/Pay", "/Pay")]
    [InlineData("/Pay/Result", "/Pay")]
    [InlineData("/Payments", "/Payments")]
    [InlineData("/Readings", "/Readings")]
    [InlineData("/Requests/New", "/Requests")]
    [InlineData("/Contracts", "/Contracts")]
    [InlineData("/Profile", "/Profile")]
    [InlineData("/Profile/Tokens", "/Profile")]
    public async Task Exactly_one_menu_entry_is_the_current_page(string page, string current)
    {
        await using var portal = new PortalFactory(database);
        var client = await portal.SignedInClientAsync(Guid.NewGuid(), "en");
        var html = await client.GetStringAsync(page);
        var entries = Entry().Matches(html).Select(m => (Href: m.Groups[1].Value, Current: m.Groups[2].Value)).ToList();
        entries.Select(e => e.Href).ShouldBe(["/", "/Invoices", "/Pay", "/Payments", "/Readings", "/Requests", "/Contracts", "/Notifications", "/Profile"]);
        entries.Where(e => e.Current == "page").Select(e => e.Href).ShouldBe([current]);
    }

    [GeneratedRegex("<li><a href=\"([^\"]+)\" aria-current=\"([a-z]+)\"")]
    private static partial Regex Entry();
}

public sealed class SqliteNavigationTests(SqliteDatabase database) : NavigationTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresNavigationTests(PostgresDatabase database) : NavigationTests(database), IClassFixture<PostgresDatabase>;
