using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Requests.Contracts;
using Modular.Requests.Web;
using Modular.TestSupport;
using Modular.Web.Security;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>
/// The portal's requests pages and API: the catalogue, a form rendered from its fields with errors next to them, a double
/// submit, files handed back as downloads only to their owner, the thread without internal notes, replies, the token scope.
/// </summary>
public abstract class RequestPagesTests(DemoPortal demo)
{
    internal static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();

    internal static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string page, string action,
        IEnumerable<(string Name, string Value)> fields, params (string Name, string FileName, byte[] Content, string ContentType)[] files)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, page);
        var html = await client.GetStringAsync(page);
        var key = System.Text.RegularExpressions.Regex.Match(html, "name=\"IdempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var all = fields.ToList();
        if (key.Length > 0 && all.All(f => f.Name != "IdempotencyKey"))
        {
            all.Add(("IdempotencyKey", key));
        }

        foreach (var (name, value) in all)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, bytes, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            content.Add(file, name, fileName);
        }

        return await client.PostAsync(action, content);
    }

    [DbFact]
    public async Task The_menu_leads_to_the_customers_requests_and_the_catalogue_in_romanian()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var dashboard = await client.GetStringAsync("/");
        dashboard.ShouldContain("href=\"/Requests\"");
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/Requests"));
        list.ShouldContain("Cereri");
        list.ShouldContain("data-request=\"CR-");
        var catalogue = WebUtility.HtmlDecode(await client.GetStringAsync("/Requests/New"));
        catalogue.ShouldContain("Contestare index facturat");
        catalogue.ShouldContain("data-form=\"free-message\"");
        var form = WebUtility.HtmlDecode(await client.GetStringAsync("/Requests/New/meter-verification"));
        form.ShouldContain("name=\"f.contract\"");
        form.ShouldContain(demo.Alice.Meters[0].Serial);
        form.ShouldContain("name=\"IdempotencyKey\"");
        (await client.GetAsync("/Requests/New/no-such-form")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Bad_values_are_answered_next_to_their_fields_and_nothing_is_stored()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var before = await MyRequestsAsync(demo.Alice.UserId);
        var response = await PostMultipartAsync(client, "/Requests/New/payment-not-showing", "/Requests/New/payment-not-showing",
            [("f.amount", "doi lei"), ("f.paid-on", ""), ("f.channel", "bank")], ("file.proof", "dovada.pdf", [0x4D, 0x5A, 0x90, 0x00], "application/pdf"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("id=\"field-amount-error\"");
        html.ShouldContain("Introduceți un număr");
        html.ShouldContain("id=\"field-paid-on-error\"");
        html.ShouldContain("id=\"field-proof-error\"");
        html.ShouldContain("nu este PDF, JPEG sau PNG");
        html.ShouldContain("value=\"doi lei\"");
        (await MyRequestsAsync(demo.Alice.UserId)).Count.ShouldBe(before.Count);
    }

    [DbFact]
    public async Task A_form_with_a_file_sent_twice_makes_one_request_whose_file_only_its_owner_downloads()
    {
        var client = await demo.LogInAsync(demo.Alice);
        var before = await MyRequestsAsync(demo.Alice.UserId);
        var html = await client.GetStringAsync("/Requests/New/free-message");
        var key = System.Text.RegularExpressions.Regex.Match(html, "name=\"IdempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value;
        (string, string)[] fields = [("f.subject", "Factură dublă"), ("f.message", "Am primit două facturi pentru octombrie."), ("IdempotencyKey", key)];
        var first = await PostMultipartAsync(client, "/Requests/New/free-message", "/Requests/New/free-message", fields, ("file.file", "factura.pdf", Pdf, "application/pdf"));
        var second = await PostMultipartAsync(client, "/Requests/New/free-message", "/Requests/New/free-message", fields, ("file.file", "factura.pdf", Pdf, "application/pdf"));
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        var after = await MyRequestsAsync(demo.Alice.UserId);
        after.Count.ShouldBe(before.Count + 1);

        var detail = WebUtility.HtmlDecode(await client.GetStringAsync(first.Headers.Location!.ToString()));
        detail.ShouldContain("Cererea a fost înregistrată cu numărul CR-2026-");
        detail.ShouldContain("Am primit două facturi pentru octombrie.");
        var link = System.Text.RegularExpressions.Regex.Match(detail, "href=\"(/Requests/[^\"]+handler=Attachment[^\"]+)\"").Groups[1].Value.Replace("&amp;", "&");
        var file = await client.GetAsync(link);
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        file.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        file.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);

        var bob = await demo.LogInAsync(demo.Bob);
        (await bob.GetAsync(first.Headers.Location!.ToString())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetStringAsync("/Requests")).ShouldNotContain(after[0].Number);
    }

    [DbFact]
    public async Task The_customer_reads_the_answer_but_not_the_internal_note_and_replies()
    {
        var client = await demo.LogInAsync(demo.Bob);
        var submitted = await SubmitAsBobAsync();
        await demo.AsSystemAsync(async m =>
        {
            (await m.Send(new AssignRequest(submitted.RequestId, Guid.NewGuid(), 1))).IsSuccess.ShouldBeTrue();
            (await m.Send(new ChangeRequestStatus(submitted.RequestId, RequestStatus.InProgress, 2))).IsSuccess.ShouldBeTrue();
            (await m.Send(new ChangeRequestStatus(submitted.RequestId, RequestStatus.WaitingForCustomer, 3))).IsSuccess.ShouldBeTrue();
            (await m.Send(new PostStaffMessage(submitted.RequestId, "Trimiteți vă rog o fotografie a contorului.", false))).IsSuccess.ShouldBeTrue();
            (await m.Send(new PostStaffMessage(submitted.RequestId, "NOTA-INTERNA: clientul a mai sunat.", true))).IsSuccess.ShouldBeTrue();
            return true;
        });
        var page = $"/Requests/{submitted.RequestId}";
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(page));
        html.ShouldContain("Trimiteți vă rog o fotografie a contorului.");
        html.ShouldNotContain("NOTA-INTERNA");
        html.ShouldContain("Așteaptă răspunsul dumneavoastră");

        var reply = await PostMultipartAsync(client, page, page + "?handler=Reply", [("Body", "Am atașat fotografia."), ("ReplyKey", Guid.NewGuid().ToString("N"))],
            ("Attachments", "contor.pdf", Pdf, "application/pdf"));
        reply.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = WebUtility.HtmlDecode(await client.GetStringAsync(page));
        after.ShouldContain("Am atașat fotografia.");
        after.ShouldContain("data-status=\"InProgress\"");
        after.ShouldContain("contor.pdf");

        var empty = await PostMultipartAsync(client, page, page + "?handler=Reply", [("Body", " ")]);
        WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()).ShouldContain("Scrieți un mesaj.");
    }

    [DbFact]
    public async Task The_api_lists_shows_and_takes_requests_with_the_submit_scope_only()
    {
        var reader = TokenTests.Api(demo.Portal, (await TokenTests.CreateAsync(demo.Portal, demo.Alice.UserId, "reader", TokenScopes.Read)).Secret);
        var list = await reader.GetFromJsonAsync<JsonElement>("/api/v1/requests");
        list.GetArrayLength().ShouldBeGreaterThan(0);
        var forms = await reader.GetStringAsync("/api/v1/requests/forms");
        forms.ShouldContain("reading-dispute");
        var body = new
        {
            formCode = "free-message",
            values = new Dictionary<string, string> { ["subject"] = "API", ["message"] = "Trimis din aplicație." },
            attachments = new[] { new { fileName = "a.pdf", contentBase64 = Convert.ToBase64String(Pdf), fieldCode = "file" } },
            idempotencyKey = "api-" + Guid.NewGuid().ToString("N"),
        };
        (await reader.PostAsJsonAsync("/api/v1/requests", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var writer = TokenTests.Api(demo.Portal, (await TokenTests.CreateAsync(demo.Portal, demo.Alice.UserId, "writer", TokenScopes.Read,
            RequestsWebModule.SubmitRequestsScope)).Secret);
        var created = await writer.PostAsJsonAsync("/api/v1/requests", body);
        created.StatusCode.ShouldBe(HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        var answer = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = answer.GetProperty("requestId").GetGuid();
        answer.GetProperty("number").GetString()!.ShouldStartWith("CR-2026-");
        (await (await writer.PostAsJsonAsync("/api/v1/requests", body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid().ShouldBe(id);

        var detail = await writer.GetFromJsonAsync<JsonElement>($"/api/v1/requests/{id}");
        var attachment = detail.GetProperty("attachments")[0].GetProperty("attachmentId").GetGuid();
        var file = await writer.GetAsync($"/api/v1/requests/{id}/attachments/{attachment}");
        file.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        (await writer.PostAsJsonAsync($"/api/v1/requests/{id}/messages", new { body = "Încă o precizare." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var bad = await writer.PostAsJsonAsync("/api/v1/requests", body with { idempotencyKey = "api-bad", values = new Dictionary<string, string>() });
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("requests.field_required");

        var bob = TokenTests.Api(demo.Portal, (await TokenTests.CreateAsync(demo.Portal, demo.Bob.UserId, "bob", TokenScopes.Read)).Secret);
        (await bob.GetAsync($"/api/v1/requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetAsync($"/api/v1/requests/{id}/attachments/{attachment}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<SubmittedRequest> SubmitAsBobAsync()
    {
        var result = await AsAsync(Caller.Customer(demo.Bob.UserId), m => m.Send(new SubmitRequest("free-message",
            new Dictionary<string, string?> { ["subject"] = "Contor", ["message"] = "Contorul nu se mai învârte." }, [], Guid.NewGuid().ToString("N"))));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    private async Task<IReadOnlyList<RequestSummary>> MyRequestsAsync(Guid userId) =>
        (await AsAsync(Caller.Customer(userId), m => m.Send(new GetMyRequests()))).Value;

    private async Task<T> AsAsync<T>(ICurrentUser caller, Func<IMediator, Task<T>> action)
    {
        await using var scope = demo.Portal.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(caller);
        return await action(scope.Resolve<IMediator>());
    }
}

public sealed class SqliteRequestPagesTests(SqliteDemoPortal demo) : RequestPagesTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresRequestPagesTests(PostgresDemoPortal demo) : RequestPagesTests(demo), IClassFixture<PostgresDemoPortal>;
