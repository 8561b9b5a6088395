using Microsoft.Extensions.Options;

namespace Modular.Payments.Gateway;

/// <summary>
/// Where the sandbox gateway may run. Its page lets anyone approve a payment and its published secret lets anyone sign a
/// callback, so: unset <c>Sandbox:Enabled</c> means Development only, and a host outside Development that enables it with
/// the published secret refuses to start, naming the keys to change.
/// </summary>
internal sealed class SandboxSafety(string environmentName) : IPostConfigureOptions<PaymentsOptions>, IValidateOptions<PaymentsOptions>
{
    private const string Development = "Development";

    private bool IsDevelopment => string.Equals(environmentName, Development, StringComparison.OrdinalIgnoreCase);

    public void PostConfigure(string? name, PaymentsOptions options) => options.Sandbox.Enabled ??= IsDevelopment;

    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        if (options.Sandbox.Enabled != true || IsDevelopment || options.Sandbox.Secret != SandboxGatewayOptions.PublishedSecret)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"Modular:Payments:Sandbox:Secret: the sandbox gateway is enabled in the '{environmentName}' environment with the published default " +
            "secret, so anyone could sign a callback that settles a payment. Set Modular:Payments:Sandbox:Secret to a secret of your own " +
            "(at least 16 characters), or turn the sandbox off (Modular:Payments:Sandbox:Enabled=false) and register a real gateway.");
    }
}

/// <summary>
/// The gateway when none is configured (the sandbox off, no adapter registered): online payments cannot start, callbacks
/// find no gateway, and reconciliation learns nothing new.
/// </summary>
internal sealed class UnavailableGateway : IPaymentGateway
{
    public string Name => "none";

    public Task<GatewaySession> CreateSessionAsync(GatewaySessionRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No payment gateway is configured: register an IPaymentGateway after AddPayments(), " +
            "or enable the sandbox gateway for development and tests (Modular:Payments:Sandbox:Enabled).");

    public GatewayCallbackResult VerifyCallback(GatewayCallback callback) => GatewayCallbackResult.Rejected("no gateway is configured");

    public Task<GatewayNotification> QueryStatusAsync(string reference, Core.Money.Money expected, CancellationToken cancellationToken) =>
        Task.FromResult(new GatewayNotification(reference, string.Empty, GatewayPaymentState.Pending, expected));

    public Task<GatewayRefund> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new GatewayRefund(false, null, "no payment gateway is configured"));
}
