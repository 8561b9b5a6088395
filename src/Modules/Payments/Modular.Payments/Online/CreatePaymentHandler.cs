using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Gateway;
using Modular.Payments.Persistence;
using NodaTime;

namespace Modular.Payments.Online;

internal sealed class CreatePaymentValidator : AbstractValidator<CreatePayment>
{
    public CreatePaymentValidator(IOptions<PaymentsOptions> options)
    {
        RuleFor(c => c.IdempotencyKey).NotEmpty().WithErrorCode(PaymentsErrors.IdempotencyKeyRequired).MaximumLength(200).WithErrorCode(PaymentsErrors.IdempotencyKeyRequired);
        RuleFor(c => c.InvoiceIds).NotNull().Must(ids => ids.Count <= options.Value.MaxInvoicesPerPayment && ids.Distinct().Count() == ids.Count)
            .WithErrorCode(PaymentsErrors.InvoiceNotFound);
        RuleFor(c => c).Must(c => c.InvoiceIds is { Count: > 0 } || (c.CustomerId is not null && c.Amount is not null))
            .WithErrorCode(PaymentsErrors.InvoicesOrAmountRequired).OverridePropertyName("InvoiceIds");
        RuleFor(c => c.Amount).GreaterThan(0m).WithErrorCode(PaymentsErrors.AmountNotPositive)
            .LessThanOrEqualTo(options.Value.MaxOnlineAmount).WithErrorCode(PaymentsErrors.AmountTooLarge).When(c => c.Amount is not null);
        RuleFor(c => c.ReturnUrl).Must(IsSafeReturnUrl).WithErrorCode(PaymentsErrors.ReturnUrlInvalid);
    }

    /// <summary>A host-relative path, or an absolute http(s) URL.</summary>
    private static bool IsSafeReturnUrl(string? url) =>
        !string.IsNullOrWhiteSpace(url) && url.Length <= 2000
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)));
}

/// <summary>
/// Recomputes the amount from Billing's invoices (the caller's scope only), stores the pending payment under the
/// idempotency key with a claim on each of its invoices, then opens the gateway session. A concurrent twin with the same
/// key loses on the unique index and answers the winner's payment; another payment of an invoice that is pending loses on
/// the claim's key and is refused (<c>payments.invoice_payment_pending</c>), on any instance.
/// </summary>
internal sealed class CreatePaymentHandler(PaymentsDbContext db, IMediator mediator, IAccessScope access, ICurrentUser user,
    IPaymentGateway gateway, IOptions<PaymentsOptions> options, UtilityClock clock) : IRequestHandler<CreatePayment, Result<PaymentCreated>>
{
    public async Task<Result<PaymentCreated>> Handle(CreatePayment request, CancellationToken cancellationToken)
    {
        var hash = RequestHash(request, user.UserId);
        if (await FindExistingAsync(request.IdempotencyKey, hash, cancellationToken) is { } existing)
        {
            return existing;
        }

        var plan = await PlanAsync(request, cancellationToken);
        if (plan.IsFailure)
        {
            return Result<PaymentCreated>.From(plan);
        }

        if (plan.Value.Total.Amount > options.Value.MaxOnlineAmount)
        {
            return Result<PaymentCreated>.Failure(PaymentsErrors.AmountTooLarge, "Amount");
        }

        // Claims that outlived an abandoned gateway page no longer hold their invoices.
        var invoiceIds = plan.Value.InvoiceIds;
        var now = clock.Now;
        if (invoiceIds.Count > 0)
        {
            await db.InvoiceClaims.Where(c => invoiceIds.Contains(c.InvoiceId) && c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
            if (await HeldAsync(plan.Value, cancellationToken) is { } held)
            {
                // The claim may be this very request's, stored by a twin a moment ago.
                return await FindExistingAsync(request.IdempotencyKey, hash, cancellationToken) ?? held;
            }
        }

        var id = SequentialId.New(now);
        var payment = Payment.StartOnline(id, SequentialId.NewReference(now), plan.Value, gateway.Name, request.IdempotencyKey, hash, user.UserId,
            request.ReturnUrl, now);
        db.Payments.Add(payment);
        var hold = Duration.FromMinutes(options.Value.PendingHoldMinutes);
        db.InvoiceClaims.AddRange(invoiceIds.Select(i => new InvoiceClaim { InvoiceId = i, PaymentId = id, ClaimedAt = now, ExpiresAt = now + hold }));
        // A unique key is either the same request twice (the idempotency key) or another payment of an invoice that won the race (its claim).
        if (await db.SaveUnlessConflictAsync(
                async ct => await FindExistingAsync(request.IdempotencyKey, hash, ct) ?? await HeldAsync(plan.Value, ct),
                new Error(CoreErrors.Conflict), DbConflict.UniqueViolation, cancellationToken) is { } conflicted)
        {
            return conflicted;
        }

        return await OpenSessionAsync(payment, cancellationToken);
    }

    private async Task<Result<PaymentCreated>?> FindExistingAsync(string key, string hash, CancellationToken cancellationToken)
    {
        // The twin that inserted first may still be talking to the gateway: give it a moment.
        for (var wait = 0; wait < 30; wait++)
        {
            var existing = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
            if (existing is null)
            {
                return null;
            }

            if (existing.RequestHash != hash || existing.Channel != PaymentChannel.Online)
            {
                return Result<PaymentCreated>.Failure(PaymentsErrors.IdempotencyKeyReused, "IdempotencyKey");
            }

            if (existing.RedirectUrl is not null)
            {
                return new PaymentCreated(existing.Id, existing.Reference, existing.Total, existing.RedirectUrl);
            }

            await Task.Delay(100, cancellationToken);
        }

        return Result<PaymentCreated>.Failure(PaymentsErrors.PaymentInProgress);
    }

    /// <summary>The refusal when another pending payment holds one of the plan's invoices; null when none does.</summary>
    private async Task<Result<PaymentCreated>?> HeldAsync(AllocationPlan plan, CancellationToken cancellationToken)
    {
        var ids = plan.InvoiceIds;
        var now = clock.Now;
        var claim = await db.InvoiceClaims.AsNoTracking().Where(c => ids.Contains(c.InvoiceId) && c.ExpiresAt > now)
            .OrderBy(c => c.ExpiresAt).FirstOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var number = plan.Applied.FirstOrDefault(a => a.InvoiceId == claim.InvoiceId)?.Number ?? string.Empty;
        var minutes = (int)Math.Ceiling((claim.ExpiresAt - now).TotalMinutes);
        return Result<PaymentCreated>.Failure(Error.Of(PaymentsErrors.InvoicePaymentPending, "InvoiceIds",
            ("number", number), ("minutes", minutes), ("paymentId", claim.PaymentId)));
    }

    private async Task<Result<AllocationPlan>> PlanAsync(CreatePayment request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        if (request.InvoiceIds.Count == 0)
        {
            var customer = request.CustomerId!.Value;
            return scope.CanSeeCustomer(customer)
                ? AllocationPlan.ForCustomer(customer, new Money(request.Amount!.Value, Currency.Of(options.Value.Currency)).Rounded())
                : Result<AllocationPlan>.Failure(PaymentsErrors.CustomerNotFound, "CustomerId");
        }

        var found = await mediator.Send(new GetInvoicesByIds(request.InvoiceIds), cancellationToken);
        if (found.IsFailure)
        {
            return Result<AllocationPlan>.From(found);
        }

        // Billing filters by scope too; checking here keeps the rule ours whatever Billing answers.
        var byId = found.Value.Where(i => scope.CanSeeCustomer(i.CustomerId)).ToDictionary(i => i.InvoiceId);
        var missing = request.InvoiceIds.FirstOrDefault(id => !byId.ContainsKey(id));
        if (missing != Guid.Empty)
        {
            return Error.Of(PaymentsErrors.InvoiceNotFound, "InvoiceIds", ("id", missing));
        }

        return AllocationPlan.ForInvoices(request.InvoiceIds.Select(id => byId[id]).ToList(), request.Amount);
    }

    private async Task<Result<PaymentCreated>> OpenSessionAsync(Payment payment, CancellationToken cancellationToken)
    {
        var session = await gateway.CreateSessionAsync(
            new GatewaySessionRequest(payment.Id, payment.Reference, payment.Total, "Payment " + payment.Reference, payment.ReturnUrl!), cancellationToken);
        payment.SessionCreated(session.RedirectUrl);
        await db.SaveChangesAsync(cancellationToken);
        return new PaymentCreated(payment.Id, payment.Reference, payment.Total, session.RedirectUrl);
    }

    private static string RequestHash(CreatePayment request, Guid? userId)
    {
        var canonical = string.Join('|', userId?.ToString() ?? "-", string.Join(',', request.InvoiceIds),
            request.Amount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", request.CustomerId?.ToString() ?? "-", request.ReturnUrl);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
