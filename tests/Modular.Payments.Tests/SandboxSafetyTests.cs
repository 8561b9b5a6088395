using System.Net;
using Microsoft.Extensions.Options;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>
/// The sandbox gateway runs in Development, or elsewhere only when enabled explicitly and never with the published secret:
/// anyone can approve a payment on its page, and anyone can sign a callback with a published secret.
/// </summary>
public sealed class SandboxSafetyTests : IAsyncLifetime
{
    private readonly SqliteDatabase _database = new();
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Outside_development_a_callback_signed_with_the_published_secret_settles_nothing()
    {
        PaymentCreated created;
        await using (var testing = await PaymentsHost.StartAsync(_database))
        {
            var customer = testing.World.AddCustomer("C" + Guid.NewGuid().ToString("N")[..8]);
            var invoice = testing.World.AddInvoice(customer, "AP 1", 75m);
            created = (await testing.SendAsync(new CreatePayment([invoice.InvoiceId], null, "k-1", "/paid"), testing.World.UserOf(customer))).Value;
        }

        await using var production = await PaymentsHost.StartAsync(_database, environment: "Production", sandbox: false);
        using var callbacks = new CallbackClient();
        var body = CallbackClient.Body(created.Reference, "approved", "75.00");

        (await callbacks.PostAsync(production, body, secret: "sandbox-secret-change-me")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _http.GetAsync(production.BaseAddress + created.RedirectUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await production.SendAsync(new GetPaymentStatus(created.PaymentId))).Value.ShouldBe(PaymentStatus.Pending);
    }

    [Fact]
    public async Task Outside_development_online_payments_need_a_configured_gateway()
    {
        await using var production = await PaymentsHost.StartAsync(_database, environment: "Production", sandbox: false);
        var customer = production.World.AddCustomer("C" + Guid.NewGuid().ToString("N")[..8]);
        var invoice = production.World.AddInvoice(customer, "AP 2", 10m);
        var failure = await Should.ThrowAsync<InvalidOperationException>(() =>
            production.SendAsync(new CreatePayment([invoice.InvoiceId], null, "k-2", "/paid"), production.World.UserOf(customer)));
        failure.Message.ShouldContain("Modular:Payments:Sandbox:Enabled");
        (await production.SendAsync(new GetMyPayments(), production.World.UserOf(customer))).Value.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task A_host_outside_development_refuses_to_start_with_the_sandbox_on_and_the_published_secret(string environment)
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(() => PaymentsHost.StartAsync(_database,
            new Dictionary<string, string?> { ["Modular:Payments:Sandbox:Enabled"] = "true" }, environment, sandbox: false));
        failure.Message.ShouldContain("Modular:Payments:Sandbox:Secret");
        failure.Message.ShouldContain("published default secret");
        failure.Message.ShouldContain(environment);
    }

    [Fact]
    public async Task In_development_the_sandbox_runs_by_default_with_its_page()
    {
        await using var development = await PaymentsHost.StartAsync(_database, environment: "Development", sandbox: false);
        var customer = development.World.AddCustomer("C" + Guid.NewGuid().ToString("N")[..8]);
        var invoice = development.World.AddInvoice(customer, "AP 3", 10m);
        var created = (await development.SendAsync(new CreatePayment([invoice.InvoiceId], null, "k-3", "/paid"), development.World.UserOf(customer))).Value;
        (await _http.GetAsync(development.BaseAddress + created.RedirectUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Switched_off_explicitly_the_sandbox_does_not_run_even_in_development()
    {
        await using var development = await PaymentsHost.StartAsync(_database,
            new Dictionary<string, string?> { ["Modular:Payments:Sandbox:Enabled"] = "false" }, "Development", sandbox: false);
        (await _http.GetAsync(development.BaseAddress + "/payments/sandbox/pay/P1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
