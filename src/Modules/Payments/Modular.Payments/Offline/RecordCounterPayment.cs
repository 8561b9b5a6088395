using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Documents;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Templates;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Online;
using Modular.Payments.Persistence;
using Modular.Payments.Receipts;

namespace Modular.Payments.Offline;

internal sealed class RecordCounterPaymentValidator : AbstractValidator<RecordCounterPayment>
{
    public RecordCounterPaymentValidator()
    {
        RuleFor(c => c.Amount).GreaterThan(0m).WithErrorCode(PaymentsErrors.AmountNotPositive);
        RuleFor(c => c.Currency).Must(c => Currency.TryParse(c, out _)).WithErrorCode(PaymentsErrors.CurrencyInvalid);
        RuleFor(c => c.ClientCode).NotEmpty().WithErrorCode(PaymentsErrors.CounterFieldRequired).MaximumLength(50).WithErrorCode(PaymentsErrors.CounterFieldRequired);
        RuleFor(c => c.Centre).NotEmpty().WithErrorCode(PaymentsErrors.CounterFieldRequired).MaximumLength(100).WithErrorCode(PaymentsErrors.CounterFieldRequired);
        RuleFor(c => c.Terminal).NotEmpty().WithErrorCode(PaymentsErrors.CounterFieldRequired).MaximumLength(100).WithErrorCode(PaymentsErrors.CounterFieldRequired);
        RuleFor(c => c.IdempotencyKey).NotEmpty().WithErrorCode(PaymentsErrors.IdempotencyKeyRequired).MaximumLength(150).WithErrorCode(PaymentsErrors.IdempotencyKeyRequired);
    }
}

/// <summary>
/// Cash or POS money at a centre's counter (staff) or a kiosk (a kiosk session, confined to its customer); the channel and
/// the operator come from the caller. The terminal's transaction id is the idempotency key (scoped by centre and
/// terminal): a repeat answers the same receipt.
/// </summary>
internal sealed class RecordCounterPaymentHandler(PaymentsDbContext db, IMediator mediator, ICurrentUser user, IAccessScope access, UtilityClock clock,
    IOptions<PaymentsOptions> options) :
    IRequestHandler<RecordCounterPayment, Result<CounterReceipt>>
{
    public async Task<Result<CounterReceipt>> Handle(RecordCounterPayment request, CancellationToken cancellationToken)
    {
        var key = $"counter:{request.Centre}:{request.Terminal}:{request.IdempotencyKey}";
        var kiosk = user.Kind == CallerKind.KioskSession || user.Channel == Channel.Kiosk;
        var operatorName = user switch
        {
            { StaffId: { } staff } => "staff:" + staff,
            { Kind: CallerKind.KioskSession } => "kiosk",
            _ => "system",
        };
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('|', request.ClientCode, string.Join(',', request.InvoiceIds), request.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                request.Currency, request.Method, kiosk, operatorName))));
        if (await ExistingAsync(key, hash, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        var customer = await mediator.Send(new FindCustomerByClientCode(request.ClientCode), cancellationToken);
        if (customer.IsFailure || !(await access.GetAsync(cancellationToken)).CanSeeCustomer(customer.Value.CustomerId))
        {
            return Result<CounterReceipt>.Failure(PaymentsErrors.CustomerNotFound, "ClientCode");
        }

        var money = new Money(request.Amount, Currency.Of(request.Currency)).Rounded();
        var invoiceIds = request.InvoiceIds ?? [];
        if (invoiceIds.Count > 0)
        {
            var invoices = await mediator.Send(new GetInvoicesByIds(invoiceIds), cancellationToken);
            if (invoices.IsFailure || invoiceIds.Any(id => !invoices.Value.Any(i => i.InvoiceId == id && i.CustomerId == customer.Value.CustomerId)))
            {
                return Result<CounterReceipt>.Failure(PaymentsErrors.InvoiceNotFound, "InvoiceIds");
            }
        }

        var channel = kiosk ? PaymentChannel.Kiosk : request.Method == CounterMethod.Card ? PaymentChannel.CardAtCentre : PaymentChannel.Cash;
        var id = SequentialId.New(clock.Now);
        var payment = Payment.Received(id, SequentialId.NewReference(clock.Now), AllocationPlan.ForCustomer(customer.Value.CustomerId, money, invoiceIds),
            channel, clock.Today, clock.Now);
        payment.AtCounter(request.Centre, request.Terminal, operatorName, key, hash);
        db.Payments.Add(payment);
        foreach (var settled in payment.SettledEvents(clock.Now))
        {
            db.Publish(settled);
        }

        // The same request twice (its idempotency key): the twin's receipt.
        if (await db.SaveUnlessConflictAsync(ct => ExistingAsync(key, hash, ct), new Error(CoreErrors.Conflict), DbConflict.UniqueViolation, cancellationToken)
            is { } twin)
        {
            return twin;
        }

        await ReceiptNumbers.AssignAsync(db, options.Value.ReceiptSeries, [payment], cancellationToken);
        return new CounterReceipt(id, payment.ReceiptNumber!, money);
    }

    private async Task<Result<CounterReceipt>?> ExistingAsync(string key, string hash, CancellationToken cancellationToken)
    {
        var existing = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestHash == hash
            ? new CounterReceipt(existing.Id, existing.ReceiptNumber!, existing.Total)
            : Result<CounterReceipt>.Failure(PaymentsErrors.IdempotencyKeyReused, "IdempotencyKey");
    }
}
