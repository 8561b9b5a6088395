using System.Net;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>The sandbox gateway's page: localized and encoded, and its approve/decline POST protected by a form token.</summary>
public abstract class SandboxPageTests(TestDatabase database) : IAsyncLifetime
{
    private PaymentsHost _host = null!;

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbTheory]
    [InlineData("modular.lang=ro", null, "ro", "Procesator de plăți de test", "1.234,50 RON", "Aprobă", "în așteptare")]
    [InlineData("modular.lang=en", null, "en", "Sandbox gateway", "1,234.50 RON", "Approve", "pending")]
    [InlineData("modular.lang=lv", "en", "lv", "Testa maksājumu vārteja", "234,50 RON", "Apstiprināt", "gaida apstiprinājumu")]
    [InlineData(null, "lv-LV,lv;q=0.9", "lv", "Testa maksājumu vārteja", "234,50 RON", "Noraidīt", "gaida apstiprinājumu")]
    [InlineData(null, null, "ro", "Procesator de plăți de test", "1.234,50 RON", "Respinge", "în așteptare")]
    public async Task The_page_speaks_the_requests_language(string? cookie, string? acceptLanguage, string lang, string heading, string amount,
        string button, string status)
    {
        var created = await NewPaymentAsync(1234.50m);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, _host.BaseAddress + created.RedirectUrl);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await http.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain($"<html lang=\"{lang}\">");
        html.ShouldContain($"<h1>{heading}</h1>");
        html.ShouldContain(amount);
        html.ShouldContain(button);
        html.ShouldContain($"<span id=\"status\">{status}</span>");
        html.ShouldContain(created.Reference);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [DbFact]
    public async Task Texts_overridden_by_the_host_are_html_encoded()
    {
        var folder = Directory.CreateTempSubdirectory("modular-texts-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "ro.json"), """{ "payments.sandbox.heading": "<script>alert(1)</script> & co" }""");
        try
        {
            await using var host = await PaymentsHost.StartAsync(database, new Dictionary<string, string?> { ["Modular:Localization:OverrideDirectory"] = folder });
            var created = await NewPaymentAsync(10m, host);
            using var browser = new SandboxBrowser(host.BaseAddress);
            var (html, _) = await browser.OpenAsync(created.RedirectUrl);
            html.ShouldContain("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>");
            html.ShouldNotContain("<script>");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [DbFact]
    public async Task A_post_without_a_token_is_refused_and_leaves_the_payment_pending()
    {
        var created = await NewPaymentAsync(20m);
        using var browser = new SandboxBrowser(_host.BaseAddress);
        await browser.OpenAsync(created.RedirectUrl);
        var response = await browser.DecideAsync(created.RedirectUrl, "approve", null);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Formularul de plată a expirat");
        await ShouldStillBePendingAsync(created);
    }

    [DbFact]
    public async Task A_forged_or_misplaced_token_is_refused_and_leaves_the_payment_pending()
    {
        var created = await NewPaymentAsync(20m);
        var other = await NewPaymentAsync(30m);
        using var browser = new SandboxBrowser(_host.BaseAddress);
        var (_, token) = await browser.OpenAsync(created.RedirectUrl);
        var (_, otherToken) = await browser.OpenAsync(other.RedirectUrl);
        token.ShouldNotBeNull();
        var forged = token[..^4] + (token[^4..] == "0000" ? "1111" : "0000");
        var later = (_host.Clock.GetCurrentInstant() + Duration.FromDays(365)).ToUnixTimeSeconds() + token[token.IndexOf('.', StringComparison.Ordinal)..];

        foreach (var wrong in new[] { forged, otherToken!, later, "garbage", "1.zz", string.Empty })
        {
            (await browser.DecideAsync(created.RedirectUrl, "approve", wrong)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        // The right token from another browser (no session cookie, or its own) is not this browser's.
        using var stranger = new SandboxBrowser(_host.BaseAddress);
        (await stranger.DecideAsync(created.RedirectUrl, "approve", token)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await stranger.OpenAsync(created.RedirectUrl);
        (await stranger.DecideAsync(created.RedirectUrl, "approve", token)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldStillBePendingAsync(created);
    }

    [DbFact]
    public async Task An_expired_token_is_refused()
    {
        var created = await NewPaymentAsync(20m);
        using var browser = new SandboxBrowser(_host.BaseAddress);
        var (_, token) = await browser.OpenAsync(created.RedirectUrl);
        _host.Clock.Advance(Duration.FromMinutes(31));
        (await browser.DecideAsync(created.RedirectUrl, "approve", token)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ShouldStillBePendingAsync(created);
    }

    [DbFact]
    public async Task The_right_token_applies_the_decision_once_and_a_replay_is_refused()
    {
        var created = await NewPaymentAsync(20m);
        using var browser = new SandboxBrowser(_host.BaseAddress);
        var (_, token) = await browser.OpenAsync(created.RedirectUrl);
        var first = await browser.DecideAsync(created.RedirectUrl, "approve", token);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().ShouldEndWith("callback=200");

        var replay = await browser.DecideAsync(created.RedirectUrl, "decline", token);
        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Settled);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference)).Count.ShouldBe(1);
        var (html, none) = await browser.OpenAsync(created.RedirectUrl);
        none.ShouldBeNull(); // a decided payment shows its status without a form
        WebUtility.HtmlDecode(html).ShouldContain("achitată");
    }

    [DbFact]
    public async Task A_forged_host_header_does_not_redirect_the_callback_which_goes_to_this_host()
    {
        // A port nothing listens on: a callback sent where the Host header points would fail.
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var created = await NewPaymentAsync(30m);
        using var browser = new SandboxBrowser(_host.BaseAddress);
        var (_, token) = await browser.OpenAsync(created.RedirectUrl);

        var decided = await browser.DecideAsync(created.RedirectUrl, "approve", token, host: $"127.0.0.1:{closedPort}");

        decided.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        decided.Headers.Location!.ToString().ShouldEndWith("callback=200");
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Settled);
    }

    [DbFact]
    public async Task Concurrent_posts_of_one_form_apply_one_decision()
    {
        var created = await NewPaymentAsync(20m);
        using var browser = new SandboxBrowser(_host.BaseAddress);
        var (_, token) = await browser.OpenAsync(created.RedirectUrl);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => browser.DecideAsync(created.RedirectUrl, i % 2 == 0 ? "approve" : "decline", token)));
        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest).ShouldBe(5);
        var status = (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value;
        status.ShouldBeOneOf(PaymentStatus.Settled, PaymentStatus.Declined);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference)).Count.ShouldBe(status == PaymentStatus.Settled ? 1 : 0);
    }

    private async Task ShouldStillBePendingAsync(PaymentCreated created)
    {
        (await _host.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Pending);
        (await _host.OutboxPayloadsAsync(nameof(PaymentSettled), created.Reference)).ShouldBeEmpty();
        _host.Sandbox.TryDecide(created.Reference, true, created.Amount).ShouldNotBeNull(); // nor was a decision recorded
    }

    private async Task<PaymentCreated> NewPaymentAsync(decimal amount, PaymentsHost? host = null)
    {
        var target = host ?? _host;
        var customer = target.World.AddCustomer("C" + Guid.NewGuid().ToString("N")[..8]);
        var invoice = target.World.AddInvoice(customer, "AP " + Guid.NewGuid().ToString("N")[..8], amount);
        return (await target.SendAsync(new CreatePayment([invoice.InvoiceId], null, "k-" + Guid.NewGuid().ToString("N"), "/paid"), target.World.UserOf(customer))).Value;
    }
}

public sealed class SqliteSandboxPageTests(SqliteDatabase database) : SandboxPageTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresSandboxPageTests(PostgresDatabase database) : SandboxPageTests(database), IClassFixture<PostgresDatabase>;
