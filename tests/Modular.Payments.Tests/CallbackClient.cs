using System.Globalization;
using System.Text;
using Modular.Payments.Gateway;
using NodaTime;

namespace Modular.Payments.Tests;

/// <summary>Posts signed sandbox callbacks to a host, as the gateway would.</summary>
public sealed class CallbackClient : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public static string Body(string reference, string state, string amount, string currency = "RON", string? transactionId = null) =>
        $$"""{"reference":"{{reference}}","transactionId":"{{transactionId ?? "t-" + reference + "-" + state}}","state":"{{state}}","amount":"{{amount}}","currency":"{{currency}}"}""";

    public async Task<HttpResponseMessage> PostAsync(PaymentsHost host, string body, Instant? at = null, string secret = PaymentsHost.Secret)
    {
        var when = at ?? host.Clock.GetCurrentInstant();
        var timestamp = when.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseAddress + "/payments/callback/sandbox")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SandboxGateway.TimestampHeader, timestamp);
        request.Headers.Add(SandboxGateway.SignatureHeader, Convert.ToHexStringLower(SandboxGateway.Signature(secret, timestamp, Encoding.UTF8.GetBytes(body))));
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
