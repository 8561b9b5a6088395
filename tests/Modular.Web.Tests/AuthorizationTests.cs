using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Modular.Readings.Web;
using Modular.TestSupport;
using Modular.Web.Security;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>Every page and endpoint, tried with another customer's ids: a user never sees or changes someone else's data.</summary>
public abstract class AuthorizationTests(DemoPortal demo)
{
    [DbFact]
    public async Task Every_portal_page_answers_a_signed_in_user()
    {
        var client = await demo.LogInAsync(demo.Alice);
        foreach (var page in new[]
                 {
                     "/", "/Invoices", "/Pay", "/Payments", "/Readings", "/Contracts", "/Profile", "/Profile/Tokens",
                     $"/Invoices/{demo.Alice.Invoices[0].InvoiceId}", $"/Readings/History/{demo.Alice.Meters[0].MeterId}",
                 })
        {
            var response = await client.GetAsync(page);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, page);
        }
    }

    [DbFact]
    public async Task Private_pages_documents_and_api_answers_are_never_kept_by_a_cache()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var invoice = demo.Alice.Invoices[0].InvoiceId;
        var created = await TokenTests.CreateAsync(demo.Portal, demo.Alice.UserId, "cache check", TokenScopes.Read);
        var api = TokenTests.Api(demo.Portal, created.Secret);
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("dashboard", await client.GetAsync("/")),
            ("invoice page", await client.GetAsync($"/Invoices/{invoice}")),
            ("print view", await client.GetAsync($"/Invoices/{invoice}?handler=Print")),
            ("pdf", await client.GetAsync($"/Invoices/{invoice}?handler=Pdf")),
            ("api invoices", await api.GetAsync("/api/v1/invoices")),
            ("api pdf", await api.GetAsync($"/api/v1/invoices/{invoice}/pdf")),
            ("api refusal", await api.GetAsync($"/api/v1/invoices/{demo.Bob.Invoices[0].InvoiceId}")),
            ("log-in page", await demo.Portal.Client().GetAsync("/Account/Login")),
        };

        foreach (var (what, response) in answers)
        {
            response.Headers.CacheControl?.NoStore.ShouldBe(true, what);
        }

        // What the utility chose to cache stays cacheable.
        (await client.GetAsync("/brand.css")).Headers.CacheControl!.Public.ShouldBeTrue();
    }

    [DbFact]
    public async Task After_an_overpayment_the_dashboard_shows_credit_nothing_due_and_offers_no_payment()
    {
        var user = await demo.NewUserAsync("100024");
        var open = user.Invoices.Where(i => i.Remaining.Amount > 0m).ToList();
        var total = open.Sum(i => i.Remaining.Amount);
        var receipt = await demo.AsSystemAsync(m => m.Send(new Payments.Contracts.RecordCounterPayment("100024", open.Select(i => i.InvoiceId).ToList(),
            total + 50m, "RON", Payments.Contracts.CounterMethod.Cash, "Centru", "Casa 1", "overpayment-" + Guid.NewGuid())));
        receipt.IsSuccess.ShouldBeTrue();
        await OutboxWait.UntilDeliveredAsync(demo.Portal.Services.GetRequiredService<Autofac.ILifetimeScope>());
        var client = await demo.LogInAsync(user);

        var dashboard = await client.GetStringAsync("/");

        var card = dashboard[dashboard.IndexOf("balance-heading", StringComparison.Ordinal)..];
        card = card[..card.IndexOf("</section>", StringComparison.Ordinal)];
        card.ShouldContain("Nimic de plată");
        card.ShouldContain("Credit: 50,00");
        card.ShouldNotContain("−");
        card.ShouldNotContain("-50");
        card.ShouldNotContain("href=\"/Pay");
    }

    [DbFact]
    public async Task The_reading_history_draws_the_consumption_chart_and_exports_csv()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var meter = demo.Alice.Meters[0].MeterId;
        var html = await client.GetStringAsync($"/Readings/History/{meter}");
        html.ShouldContain("<svg class=\"chart\"");
        html.ShouldContain("<rect class=\"bar");
        var csv = await client.GetAsync($"/Readings/History/{meter}?handler=Csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeGreaterThan(20);
    }

    [DbFact]
    public async Task A_language_chosen_while_signed_in_is_remembered_in_the_profile()
    {
        var client = await demo.LogInAsync(demo.Bob);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Profile");
        (await PortalFactory.PostFormAsync(client, "/Language", token, ("culture", "lv"), ("returnUrl", "/Profile"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var elsewhere = await demo.LogInAsync(demo.Bob);
        (await elsewhere.GetStringAsync("/Profile")).ShouldContain("<html lang=\"lv\">");
        var reset = await PortalFactory.AntiforgeryTokenAsync(elsewhere, "/Profile");
        await PortalFactory.PostFormAsync(elsewhere, "/Language", reset, ("culture", "ro"), ("returnUrl", "/Profile"));
    }

    [DbFact]
    public async Task Pages_answer_not_found_for_another_customers_invoice_and_meter()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var invoice = demo.Bob.Invoices[0].InvoiceId;
        var meter = demo.Bob.Meters[0].MeterId;
        foreach (var page in new[]
                 {
                     $"/Invoices/{invoice}", $"/Invoices/{invoice}?handler=Pdf", $"/Invoices/{invoice}?handler=Print",
                     $"/Readings/History/{meter}", $"/Readings/History/{meter}?handler=Csv",
                 })
        {
            (await client.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
        }

        var list = await client.GetStringAsync("/Invoices");
        list.ShouldContain(demo.Alice.Invoices[0].Number);
        list.ShouldNotContain(demo.Bob.Invoices[0].Number);
        (await client.GetStringAsync("/Contracts")).ShouldNotContain(demo.Bob.Customer.Name);
    }

    [DbFact]
    public async Task A_reading_for_another_customers_meter_is_refused_and_not_stored()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var meter = demo.Bob.Meters[0];
        var before = await demo.AsSystemAsync(async m => (await m.Send(new Readings.Contracts.GetReadingHistory(meter.MeterId, null))).Value.Count);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Readings");
        var response = await PortalFactory.PostFormAsync(client, "/Readings", token,
            ("MeterId", meter.MeterId.ToString()), ("Index", (meter.PreviousIndex!.Value + 3).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldNotContain("id=\"reading-outcome\"");
        page.ShouldContain("<div class=\"alert alert-error\" role=\"alert\">");
        page.ShouldContain("Contorul nu a fost găsit.");
        var after = await demo.AsSystemAsync(async m => (await m.Send(new Readings.Contracts.GetReadingHistory(meter.MeterId, null))).Value.Count);
        after.ShouldBe(before);
    }

    [DbFact]
    public async Task A_reading_for_an_unknown_or_malformed_meter_id_is_refused_with_a_message()
    {
        var client = await demo.LogInAsync(demo.Alice);
        foreach (var meterId in new[] { Guid.NewGuid().ToString(), "not-a-meter", string.Empty })
        {
            var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Readings");
            var response = await PortalFactory.PostFormAsync(client, "/Readings", token, ("MeterId", meterId), ("Index", "123"));

            response.StatusCode.ShouldBe(HttpStatusCode.OK, meterId);
            var page = await response.Content.ReadAsStringAsync();
            page.ShouldContain("Contorul nu a fost găsit.", customMessage: meterId);
            page.ShouldNotContain("id=\"reading-outcome\"", customMessage: meterId);
        }
    }

    [DbFact]
    public async Task Paying_another_customers_invoice_is_refused_and_another_customers_payment_is_not_shown()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Pay");
        var response = await PortalFactory.PostFormAsync(client, "/Pay", token,
            ("InvoiceIds", demo.Bob.Invoices.First(i => !i.Remaining.IsZero).InvoiceId.ToString()), ("IdempotencyKey", Guid.NewGuid().ToString("N")));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("field-error");

        // Bob's own view: the utility-wide list holds only the newest payments, and other tests keep adding some.
        var bobsPayments = await demo.AsUserAsync(demo.Bob.UserId, async m => (await m.Send(new Payments.Contracts.GetMyPayments(100))).Value.ToList());
        bobsPayments.ShouldNotBeEmpty();
        (await client.GetStringAsync($"/Pay/Result?payment={bobsPayments[0].PaymentId}")).ShouldContain("Nu am găsit această plată.");
        (await client.GetStringAsync("/Payments")).ShouldNotContain(bobsPayments[0].Reference);
    }

    [DbFact]
    public async Task The_api_answers_not_found_problems_for_another_customers_ids()
    {
        var created = await TokenTests.CreateAsync(demo.Portal, demo.Alice.UserId, "script", TokenScopes.Read, ReadingsWebModule.SubmitReadingsScope);
        var api = TokenTests.Api(demo.Portal, created.Secret);
        var invoice = demo.Bob.Invoices[0].InvoiceId;
        var meter = demo.Bob.Meters[0].MeterId;
        foreach (var url in new[] { $"/api/v1/invoices/{invoice}", $"/api/v1/invoices/{invoice}/pdf" })
        {
            var response = await api.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        var readings = await api.GetAsync($"/api/v1/meters/{meter}/readings");
        readings.IsSuccessStatusCode.ShouldBeFalse();
        var submit = await api.PostAsJsonAsync($"/api/v1/meters/{meter}/readings", new { index = 99999 });
        submit.IsSuccessStatusCode.ShouldBeFalse();
        var problem = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldNotBeNullOrEmpty();

        var invoices = await api.GetStringAsync("/api/v1/invoices");
        invoices.ShouldContain(demo.Alice.Invoices[0].InvoiceId.ToString());
        invoices.ShouldNotContain(invoice.ToString());
        (await api.GetStringAsync("/api/v1/meters")).ShouldNotContain(meter.ToString());
        (await api.GetStringAsync("/api/v1/contracts")).ShouldNotContain(demo.Bob.Customer.ClientCode);
    }

    [DbFact]
    public async Task A_read_only_token_cannot_submit_readings()
    {
        var created = await TokenTests.CreateAsync(demo.Portal, demo.Alice.UserId, "reader", TokenScopes.Read);
        var api = TokenTests.Api(demo.Portal, created.Secret);
        var response = await api.PostAsJsonAsync($"/api/v1/meters/{demo.Alice.Meters[0].MeterId}/readings", new { index = 1 });
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task The_api_explains_a_lower_index_with_its_stable_code_in_the_callers_language()
    {
        var created = await TokenTests.CreateAsync(demo.Portal, demo.Alice.UserId, "submitter", ReadingsWebModule.SubmitReadingsScope);
        var api = TokenTests.Api(demo.Portal, created.Secret);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ro");
        var meter = demo.Alice.Meters[0];
        var response = await api.PostAsJsonAsync($"/api/v1/meters/{meter.MeterId}/readings", new { index = meter.PreviousIndex!.Value - 1 });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("readings.index_lower_than_previous");
        problem.GetProperty("type").GetString().ShouldBe("urn:modular:error:readings.index_lower_than_previous");
        problem.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("index");
    }
}

public sealed class SqliteAuthorizationTests(SqliteDemoPortal demo) : AuthorizationTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresAuthorizationTests(PostgresDemoPortal demo) : AuthorizationTests(demo), IClassFixture<PostgresDemoPortal>;
