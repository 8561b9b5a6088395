using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Modular.Http.Benchmarks;

/// <summary>The demo customer's browser and API token, set up through the portal's own pages.</summary>
public sealed partial class Portal(WebProcess host)
{
    public const string Email = "demo@portal.example";
    public const string Password = "Apă-rece-de-munte-2026";

    private readonly CookieContainer _cookies = new();

    /// <summary>The session cookie ("name=value") load connections present.</summary>
    public string SessionCookie { get; private set; } = string.Empty;

    public string Token { get; private set; } = string.Empty;

    private HttpClient Browser() => new(new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = host.Address };

    public async Task LogInAsync()
    {
        using var browser = Browser();
        var response = await PostFormAsync(browser, "/Account/Login", "/Account/Login", ("Email", Email), ("Password", Password));
        Expect(response, HttpStatusCode.Redirect, "log-in");
        var cookie = _cookies.GetCookies(host.Address).Single(c => c.Name.EndsWith("modular.session", StringComparison.Ordinal));
        SessionCookie = $"{cookie.Name}={cookie.Value}";
    }

    public async Task CreateTokenAsync()
    {
        using var browser = Browser();
        var response = await PostFormAsync(browser, "/Profile/Tokens", "/Profile/Tokens?handler=Create",
            ("Name", "benchmark " + Guid.NewGuid().ToString("N")[..8]), ("Scopes", "read"), ("Scopes", "readings:submit"));
        Expect(response, HttpStatusCode.OK, "token");
        Token = TokenSecret().Match(await response.Content.ReadAsStringAsync()).Value;
    }

    /// <summary>Links the demo's other client codes to the demo user (proof: the contract number), as a user would.</summary>
    public async Task LinkClientCodesAsync(int count)
    {
        using var browser = Browser();
        for (var i = 2; i <= count; i++)
        {
            var code = (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = await PostFormAsync(browser, "/Profile", "/Profile?handler=Link", ("ClientCode", code), ("ContractNumber", $"CT-{code}-1"));
            Expect(response, HttpStatusCode.Redirect, "link " + code);
        }
    }

    public async Task<string> PageAsync(string path)
    {
        using var browser = Browser();
        var response = await browser.GetAsync(path);
        Expect(response, HttpStatusCode.OK, path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The caller's meters that take a reading now: id and the last index.</summary>
    public async Task<List<(Guid Meter, decimal Index)>> OpenMetersAsync()
    {
        using var api = host.Client(bearer: Token);
        using var document = JsonDocument.Parse(await api.GetStringAsync("/api/v1/meters"));
        return document.RootElement.EnumerateArray()
            .Where(m => m.GetProperty("removedOn").ValueKind == JsonValueKind.Null && m.GetProperty("window").GetProperty("canSubmit").GetBoolean())
            .Select(m => (m.GetProperty("meterId").GetGuid(),
                m.GetProperty("previousIndex").ValueKind == JsonValueKind.Number ? m.GetProperty("previousIndex").GetDecimal() : m.GetProperty("initialIndex").GetDecimal()))
            .ToList();
    }

    public async Task<Guid> FirstInvoiceAsync()
    {
        using var api = host.Client(bearer: Token);
        using var document = JsonDocument.Parse(await api.GetStringAsync("/api/v1/invoices"));
        return document.RootElement.EnumerateArray().First().GetProperty("invoiceId").GetGuid();
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string action, params (string Name, string Value)[] fields)
    {
        var html = await browser.GetStringAsync(page);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await browser.PostAsync(action, new FormUrlEncodedContent(values));
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("mdl_[A-Za-z0-9_-]{20,}")]
    private static partial Regex TokenSecret();
}
