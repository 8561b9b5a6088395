using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Modular.Billing.Contracts;
using Modular.Core.PersonalData;
using Modular.Core.Testing;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>"Your data" in the portal: the archive of a demo user with two customers, its download, and closing the account.</summary>
public abstract partial class PersonalDataPageTests(DemoPortal demo)
{
    [DbFact]
    public async Task The_archive_of_a_user_with_two_customers_holds_every_listed_file_and_nothing_of_another_customer()
    {
        var user = await demo.NewUserAsync("100011");
        var second = await demo.CustomerDataAsync("100012");
        (await demo.AsUserAsync(user.UserId, m => m.Send(new Accounts.Contracts.LinkClientCode("100012", second.Contract.ContractNumber, null, null))))
            .IsSuccess.ShouldBeTrue();
        var browser = await demo.LogInAsync(user);
        var tokensPage = await PostAsync(browser, "/Profile/Tokens", "/Profile/Tokens?handler=Create", ("Name", "meter script"), ("Scopes", "read"));
        var secret = TokenSecret().Match(await tokensPage.Content.ReadAsStringAsync()).Value;
        secret.ShouldNotBeEmpty();
        var payments = await demo.AsUserAsync(user.UserId, async m => (await m.Send(new GetMyPayments(500))).Value);
        var creditNote = await demo.AsSystemAsync(async m => (await m.Send(new IssueCreditNote(user.Invoices[^1].InvoiceId, CreditNoteReason.Reversal, null,
            "meter replaced", Guid.NewGuid()))).Value);

        var request = (await demo.AsUserAsync(user.UserId, m => m.Send(new Requests.Contracts.SubmitRequest("free-message",
            new Dictionary<string, string?> { ["subject"] = "Arhivă", ["message"] = "Mesajul meu pentru arhivă." }, [], Guid.NewGuid().ToString("N"),
            user.Contract.CustomerId)))).Value;
        await demo.AsSystemAsync(async m =>
        {
            (await m.Send(new Requests.Contracts.PostStaffMessage(request.RequestId, "Răspunsul operatorului.", false))).IsSuccess.ShouldBeTrue();
            (await m.Send(new Requests.Contracts.PostStaffMessage(request.RequestId, "NOTA-INTERNA nu pleacă la client.", true))).IsSuccess.ShouldBeTrue();
            return true;
        });

        var asked = await PostAsync(browser, "/Profile/Data", "/Profile/Data?handler=Export");
        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetStringAsync(asked.Headers.Location!.ToString())).ShouldContain("Arhiva se pregătește.");
        var link = await ReadyLinkAsync(browser);
        var response = await browser.GetAsync(link);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        var files = Unzip(await response.Content.ReadAsByteArrayAsync());
        files.Keys.Order(StringComparer.Ordinal).ShouldBe([
            "README.txt", "accounts/customers.json", "accounts/profile.json", "accounts/sessions.csv", "acts/act_readings.csv", "acts/acts.csv",
            "api-tokens/tokens.csv", "audit/my-actions.csv", "billing/credit-notes.csv", "billing/invoice-lines.json", "billing/invoices.csv", "manifest.json",
            "notifications/messages.csv", "notifications/phone.csv", "notifications/preferences.csv", "payments/payments.csv", "readings/meters.csv", "readings/readings.csv", "requests/attachments.csv", "requests/messages.csv", "requests/requests.csv"]);
        foreach (var file in files.Keys.Where(k => k.Contains('/')))
        {
            files["manifest.json"].ShouldContain($"\"path\": \"{file}\"");
            files["README.txt"].ShouldContain(file);
        }

        var invoices = user.Invoices.Concat(second.Invoices).ToList();
        var notes = Rows(files["billing/credit-notes.csv"]).ShouldHaveSingleItem();
        notes.ShouldStartWith($"{creditNote.CreditNoteId},{creditNote.Number},{user.Invoices[^1].Number},");
        notes.ShouldContain(",Reversal,meter replaced,");
        Rows(files["billing/invoices.csv"]).Length.ShouldBe(invoices.Count);
        foreach (var invoice in invoices)
        {
            // Amounts in the invariant culture with the currency in its own column.
            files["billing/invoices.csv"].ShouldContain(
                $"{invoice.Number},100",
                customMessage: invoice.Number);
            files["billing/invoices.csv"].ShouldContain($",{PersonalDataWriter.Amount(invoice.Total.Amount)},");
        }

        foreach (var meter in user.Meters.Concat(second.Meters))
        {
            files["readings/meters.csv"].ShouldContain(meter.Serial);
        }

        Rows(files["payments/payments.csv"]).Length.ShouldBe(payments.Count);
        payments.Count.ShouldBeGreaterThan(0);
        Rows(files["readings/readings.csv"]).Length.ShouldBeGreaterThan(0);
        files["api-tokens/tokens.csv"].ShouldContain("meter script");
        files["requests/requests.csv"].ShouldContain(request.Number);
        files["requests/messages.csv"].ShouldContain("Răspunsul operatorului.");
        files["accounts/customers.json"].ShouldContain("100012");
        var everything = string.Join("\n", files.Values);
        everything.ShouldNotContain(secret, Case.Sensitive, "no token secret (only its first characters, as the token page shows)");
        foreach (var other in demo.Bob.Invoices)
        {
            everything.ShouldNotContain(other.Number);
        }

        var bobsActs = await demo.AsSystemAsync(async m => (await m.Send(new Modular.Requests.Contracts.ListActs(CustomerId: demo.Bob.Customer.CustomerId))).Value);
        bobsActs.ShouldNotBeEmpty();
        foreach (var act in bobsActs)
        {
            everything.ShouldNotContain(act.Number);
        }

        foreach (var meter in demo.Bob.Meters)
        {
            everything.ShouldNotContain(meter.Serial);
        }

        everything.ShouldNotContain(demo.Bob.Email);
        everything.ShouldNotContain("NOTA-INTERNA", Case.Sensitive, "internal notes are the utility's, never in the customer's archive");

        // Another user asking for the same archive gets a plain 404.
        var bob = await demo.LogInAsync(demo.Bob);
        (await bob.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Closing_the_account_signs_out_every_session_refuses_its_api_token_and_keeps_the_invoices()
    {
        var user = await demo.NewUserAsync("100013");
        var browser = await demo.LogInAsync(user);
        var otherBrowser = await demo.LogInAsync(user);
        var tokensPage = await PostAsync(browser, "/Profile/Tokens", "/Profile/Tokens?handler=Create", ("Name", "script"), ("Scopes", "read"));
        var secret = TokenSecret().Match(await tokensPage.Content.ReadAsStringAsync()).Value;
        var api = demo.Portal.Client();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await PostAsync(browser, "/Profile/Data", "/Profile/Data?handler=Close", ("Password", "not-the-password"), ("Confirmed", "true"));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Parola actuală nu este corectă.");
        (await otherBrowser.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var closed = await PostAsync(browser, "/Profile/Data", "/Profile/Data?handler=Close", ("Password", DemoPortal.Password), ("Confirmed", "true"));

        closed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetStringAsync(closed.Headers.Location!.ToString())).ShouldContain("Contul dumneavoastră este închis.");
        ShouldBeSentToLogIn(await otherBrowser.GetAsync("/Profile"));
        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await demo.TryLogInAsync(user.Email, DemoPortal.Password)).Status.ShouldBe(HttpStatusCode.OK, "the log-in page shows its error");
        var kept = await demo.AsSystemAsync(async m => (await m.Send(new GetInvoices(CustomerId: user.Contract.CustomerId))).Value);
        kept.Select(i => i.InvoiceId).ShouldBe(user.Invoices.Select(i => i.InvoiceId), ignoreOrder: true);
    }

    [DbFact]
    public async Task The_portal_builds_a_requested_archive_in_the_background()
    {
        var user = await demo.NewUserAsync("100014");

        var exportId = await demo.AsUserAsync(user.UserId, async m => (await m.Send(new RequestPersonalDataExport())).Value);

        // Nothing drives the builder here: the portal's own background builder takes the request.
        await Poll.UntilAsync(async () => await demo.AsUserAsync(user.UserId, async m => (await m.Send(new GetMyPersonalDataExports())).Value)
            is [{ Status: PersonalDataExportStatus.Ready } ready] && ready.ExportId == exportId, "the archive built by the portal");
    }

    /// <summary>Builds pending archives (as the portal's builder does) until the page offers the download; answers its address.</summary>
    private async Task<string> ReadyLinkAsync(HttpClient browser) => await Poll.ForAsync(async () =>
    {
        await demo.Portal.Services.BuildPersonalDataExportsAsync();
        var match = DownloadLink().Match(await browser.GetStringAsync("/Profile/Data"));
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }, "the archive ready on the page");

    private static string[] Rows(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();

    private static Dictionary<string, string> Unzip(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }

    private static void ShouldBeSentToLogIn(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, params (string Name, string? Value)[] fields)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, page);
        return await PortalFactory.PostFormAsync(client, action, token, fields);
    }

    [GeneratedRegex("mdl_[A-Za-z0-9_-]{20,}")]
    private static partial Regex TokenSecret();

    [GeneratedRegex("href=\"([^\"]*handler=Download[^\"]*)\"")]
    private static partial Regex DownloadLink();
}

public sealed class SqlitePersonalDataPageTests(SqliteDemoPortal demo) : PersonalDataPageTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresPersonalDataPageTests(PostgresDemoPortal demo) : PersonalDataPageTests(demo), IClassFixture<PostgresDemoPortal>;
