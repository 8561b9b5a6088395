using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Online;
using Modular.Payments.Persistence;

namespace Modular.Payments.Gateway;

/// <summary>Verifies a callback with the gateway it names and applies it; the web endpoint maps the outcome to a status code.</summary>
internal sealed class ReceiveGatewayCallbackHandler(IEnumerable<IPaymentGateway> gateways, IMediator mediator,
    ILogger<ReceiveGatewayCallbackHandler> logger) : IRequestHandler<ReceiveGatewayCallback, Result<GatewayCallbackOutcome>>
{
    public async Task<Result<GatewayCallbackOutcome>> Handle(ReceiveGatewayCallback request, CancellationToken cancellationToken)
    {
        var port = gateways.LastOrDefault(g => string.Equals(g.Name, request.Gateway, StringComparison.OrdinalIgnoreCase));
        if (port is null)
        {
            return GatewayCallbackOutcome.UnknownGateway;
        }

        var verified = port.VerifyCallback(new GatewayCallback(request.Headers, request.Body));
        if (!verified.IsValid)
        {
            logger.LogWarning("Refused a {Gateway} callback: {Reason}", port.Name, verified.RejectionReason);
            return GatewayCallbackOutcome.Refused;
        }

        var applied = await mediator.Send(new ApplyGatewayNotification(verified.Notification!), cancellationToken);
        if (applied.HasError(PaymentsErrors.CallbackFieldInvalid))
        {
            // Authentic but malformed: the gateway's operators get the field in a 400 rather than a silent not-found.
            logger.LogWarning("Refused a {Gateway} callback: field {Field} is not valid", port.Name, applied.Error.Field);
            return applied.Error;
        }

        if (applied.IsFailure)
        {
            return GatewayCallbackOutcome.UnknownPayment;
        }

        if (applied.Value == GatewayApplyOutcome.Mismatch)
        {
            logger.LogWarning("A {Gateway} callback for {Reference} did not match the payment's amount or currency", port.Name, verified.Notification!.Reference);
            return GatewayCallbackOutcome.Mismatch;
        }

        return GatewayCallbackOutcome.Applied;
    }
}

/// <summary>What the sandbox's hosted page shows, with a form token for the browser's session while the payment is pending.</summary>
internal sealed class GetSandboxPaymentHandler(PaymentsDbContext db, IOptions<PaymentsOptions> options, SandboxFormToken tokens)
    : IRequestHandler<GetSandboxPayment, Result<SandboxPayment>>
{
    public async Task<Result<SandboxPayment>> Handle(GetSandboxPayment request, CancellationToken cancellationToken)
    {
        var payment = await SandboxPayments.FindAsync(db, options, request.Reference, cancellationToken);
        if (payment is null)
        {
            return Result<SandboxPayment>.Failure(CoreErrors.NotFound);
        }

        var token = payment.Status == PaymentStatus.Pending && request.Session is { } session ? tokens.Issue(payment.Id, session) : null;
        return new SandboxPayment(payment.Id, payment.Reference, payment.Total, payment.Status, token);
    }
}

/// <summary>
/// Checks the decision before anything happens: the token must be this browser's for this payment and unexpired, the
/// payment still pending and not yet decided on the page. Anything else is refused and changes nothing.
/// </summary>
internal sealed class DecideSandboxPaymentHandler(PaymentsDbContext db, IOptions<PaymentsOptions> options, SandboxFormToken tokens, SandboxGateway sandbox)
    : IRequestHandler<DecideSandboxPayment, Result<SandboxDecision>>
{
    public async Task<Result<SandboxDecision>> Handle(DecideSandboxPayment request, CancellationToken cancellationToken)
    {
        var payment = await SandboxPayments.FindAsync(db, options, request.Reference, cancellationToken);
        if (payment is null)
        {
            return Result<SandboxDecision>.Failure(CoreErrors.NotFound);
        }

        if (!tokens.IsValid(payment.Id, request.Session, request.Token))
        {
            return Result<SandboxDecision>.Failure(PaymentsErrors.SandboxTokenInvalid);
        }

        var decision = payment.Status == PaymentStatus.Pending ? sandbox.TryDecide(payment.Reference, request.Approve, payment.Total) : null;
        if (decision is null)
        {
            return Result<SandboxDecision>.Failure(PaymentsErrors.SandboxAlreadyDecided);
        }

        var body = SandboxGateway.Serialize(decision);
        return new SandboxDecision(payment.Id, sandbox.Name, body, sandbox.Sign(body), payment.ReturnUrl!);
    }
}

internal static class SandboxPayments
{
    /// <summary>An online payment by reference; none while the sandbox is disabled (only the system may ask: [AllowedCallers]).</summary>
    public static async Task<Payment?> FindAsync(PaymentsDbContext db, IOptions<PaymentsOptions> options, string reference,
        CancellationToken cancellationToken) =>
        options.Value.Sandbox.Enabled != true
            ? null
            : await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Reference == reference && p.Channel == PaymentChannel.Online, cancellationToken);
}
