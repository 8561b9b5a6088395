using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts;
using Modular.Accounts.Web;
using Modular.Core.Composition;
using Modular.Core.Testing;
using Modular.TestSupport;
using Modular.Web.Hooks;
using Modular.Web.Security;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// The hooks through which a module's UI package contributes, exercised by a third-party UI module composed with the
/// shell and the Accounts pages only: its menu entry, dashboard card, endpoint and API endpoint appear, and the UI
/// packages the host references but does not compose serve nothing.
/// </summary>
public abstract partial class HookTests(TestDatabase database)
{
    [DbFact]
    public async Task A_third_party_ui_module_adds_its_menu_entry_dashboard_card_endpoint_and_api()
    {
        await using var app = await StartAsync(database);
        var client = Browser(app);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        (await client.GetAsync($"/test/sign-in?user={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var dashboard = await client.GetStringAsync("/");
        dashboard.ShouldContain("<section class=\"card\" id=\"water-quality\">Water quality: good</section>");
        MenuLinks(dashboard).ShouldBe(["/", "/Quality", "/Contracts", "/Profile"], "ordered by the entries' order");

        (await client.GetStringAsync("/quality/report")).ShouldBe("chlorine 0.3 mg/l");

        var api = app.GetTestClient();
        (await api.GetAsync("/api/v1/quality")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var scope = app.Services.CreateAsyncScope();
        var token = (await scope.ServiceProvider.GetRequiredService<AccessTokenService>().CreateAsync(Guid.NewGuid(), "quality", [TokenScopes.Read])).Value;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        (await api.GetStringAsync("/api/v1/quality")).ShouldBe("{\"chlorine\":0.3}");
        (await api.GetStringAsync("/api/v1/openapi.json")).ShouldContain("\"/api/v1/quality\"");
    }

    [DbFact]
    public async Task The_ui_packages_of_modules_the_host_does_not_compose_serve_nothing()
    {
        await using var app = await StartAsync(database);
        var client = Browser(app);
        (await client.GetAsync($"/test/sign-in?user={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/Contracts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var page in new[] { "/Readings", "/Invoices", "/Pay", "/Payments" })
        {
            (await client.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
        }

        var dashboard = await client.GetStringAsync("/");
        dashboard.ShouldNotContain("balance-heading");
        dashboard.ShouldNotContain("window-heading");
    }

    [DbFact]
    public async Task Without_the_back_office_the_staff_pages_of_ui_packages_are_not_served()
    {
        await using var app = await StartAsync(database);
        var client = Browser(app);
        (await client.GetAsync($"/test/sign-in?user={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var page in new[] { "/staff", "/staff/customers", "/staff/accounts", "/Staff/Customers", "/kiosk" })
        {
            (await client.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
        }
    }

    /// <summary>A client that keeps cookies, as a browser does.</summary>
    private static HttpClient Browser(WebApplication app)
    {
        var server = app.GetTestServer();
        return new HttpClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler { InnerHandler = server.CreateHandler() })
        {
            BaseAddress = server.BaseAddress,
        };
    }

    private static IReadOnlyList<string> MenuLinks(string html) =>
        MenuLink().Matches(html[html.IndexOf("main-nav", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<li><a href=\"([^\"]+)\" aria-current")]
    private static partial Regex MenuLink();

    private static async Task<WebApplication> StartAsync(TestDatabase database)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Modular:Storage:Provider"] = database.Storage.Provider.ToString(),
            ["Modular:Storage:ConnectionString"] = database.Storage.ConnectionString,
            ["Modular:Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "modular-tests", "pickup-" + Guid.NewGuid().ToString("N")),
        });
        builder.AddModular(m => m
            .UseClock(new FakeClock(Instant.FromUtc(2026, 11, 25, 10, 0)))
            .AddWeb()
            .AddAccounts().AddAccountsWeb()
            .AddModule(new QualityModule()).AddModule(new QualityWebModule()));
        var app = builder.Build();
        app.UseModularWeb();
        app.MapGet("/test/sign-in", async (HttpContext context, Guid user) =>
        {
            await PortalSession.SignInAsync(context, user, $"user-{user:N}@example.com", "en");
            return Results.Ok();
        }).AllowAnonymous();
        await app.StartAsync();
        return app;
    }
}

/// <summary>A third party's module without storage: water quality.</summary>
public sealed class QualityModule : ModularModule
{
    public override string Name => "Quality";
}

/// <summary>Its UI package, as a third party would write it (no Razor views needed for this one).</summary>
public sealed class QualityWebModule : ModularWebModule
{
    protected override string ModuleName => "Quality";

    protected override void ConfigureWeb(WebContributions web) => web
        .AddMenuEntry("/Quality", "nav.dashboard", 10)
        .AddDashboardCard<QualityCard>(5)
        .MapEndpoints(routes => routes.MapGet("/quality/report", () => "chlorine 0.3 mg/l").AllowAnonymous())
        .MapApi(api => api.MapGet("/quality", () => Results.Json(new { chlorine = 0.3 })).RequireAuthorization(ApiPolicies.Read));
}

public sealed class QualityCard : ViewComponent
{
    public IViewComponentResult Invoke() =>
        new Microsoft.AspNetCore.Mvc.ViewComponents.HtmlContentViewComponentResult(
            new Microsoft.AspNetCore.Html.HtmlString("<section class=\"card\" id=\"water-quality\">Water quality: good</section>"));
}

public sealed class SqliteHookTests(SqliteDatabase database) : HookTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresHookTests(PostgresDatabase database) : HookTests(database), IClassFixture<PostgresDatabase>;
