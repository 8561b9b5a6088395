using System.Net;
using System.Text.RegularExpressions;

namespace Modular.Payments.Tests;

/// <summary>A browser for the sandbox page: keeps its cookies, reads the form token from the page, posts decisions.</summary>
internal sealed partial class SandboxBrowser(string baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

    public async Task<(string Html, string? Token)> OpenAsync(string url)
    {
        var html = await _http.GetStringAsync(baseAddress + url);
        return (html, TokenOf(html));
    }

    /// <param name="host">A Host header other than the address's (a forged one).</param>
    public Task<HttpResponseMessage> DecideAsync(string url, string decision, string? token, string? host = null)
    {
        var form = new Dictionary<string, string> { ["decision"] = decision };
        if (token is not null)
        {
            form["token"] = token;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, baseAddress + url) { Content = new FormUrlEncodedContent(form) };
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return _http.SendAsync(request);
    }

    /// <summary>Opens the page and chooses, as a tester would.</summary>
    public async Task<HttpResponseMessage> OpenAndDecideAsync(string url, string decision) =>
        await DecideAsync(url, decision, (await OpenAsync(url)).Token);

    public static string? TokenOf(string html) =>
        TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"token\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();
}
