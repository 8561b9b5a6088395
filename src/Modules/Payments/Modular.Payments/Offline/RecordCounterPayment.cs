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
using Modular.Payments.Counter;
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
        RuleFor(c => c.Tendered).GreaterThan(0m).WithErrorCode(PaymentsErrors.AmountNotPositive).When(c => c.Tendered is not null);
        RuleFor(c => c.CardReference).MaximumLength(100).WithErrorCode(PaymentsErrors.CounterFieldRequired);
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
            { StaffId: { } staff } => CashierDays.Operator(staff),
            { Kind: CallerKind.KioskSession } => "kiosk",
            _ => "system",
        };
        // A reference, never card data: a card number typed by mistake is masked like every free text that reaches us.
        var cardReference = string.IsNullOrWhiteSpace(request.CardReference) ? null : CardNumbers.Redact(request.CardReference.Trim());
        var parts = new List<string>
        {
            request.ClientCode, string.Join(',', request.InvoiceIds), request.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            request.Currency, request.Method.ToString(), kiosk.ToString(), operatorName,
        };
        if (request.Tendered is not null || cardReference is not null)
        {
            // Only counter desks send these; the hash of a request without them stays what it always was.
            parts.Add(request.Tendered?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            parts.Add(cardReference ?? string.Empty);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts))));
        var currency = Currency.Of(request.Currency);
        var amount = MoneyRounding.Round(request.Amount, currency);
        var tendered = request.Tendered is { } t ? MoneyRounding.Round(t, currency) : (decimal?)null;
        Payment? payment = null;

        // The same request twice (its key) answers the twin's receipt; a close of the cashier's day racing this payment
        // (the day's version) is looked at again from a fresh read.
        var recorded = await db.RetryOnConflictAsync<CounterReceipt>(async (_, ct) =>
        {
            if (await ExistingAsync(key, hash, ct) is { } repeat)
            {
                payment = null;
                return repeat;
            }

            if (request.Method == CounterMethod.Card && tendered is not null)
            {
                return Result<CounterReceipt>.Failure(PaymentsErrors.TenderedNotCash, "Tendered");
            }

            if (tendered is { } cash && cash < amount)
            {
                return Error.Of(PaymentsErrors.TenderedTooLow, "Tendered", ("amount", new Money(amount, currency)));
            }

            if (user.Kind == CallerKind.Staff && !kiosk && request.Method == CounterMethod.Card && cardReference is null)
            {
                return Result<CounterReceipt>.Failure(PaymentsErrors.CardReferenceRequired, "CardReference");
            }

            var customer = await mediator.Send(new FindCustomerByClientCode(request.ClientCode), ct);
            if (customer.IsFailure || !(await access.GetAsync(ct)).CanSeeCustomer(customer.Value.CustomerId))
            {
                return Result<CounterReceipt>.Failure(PaymentsErrors.CustomerNotFound, "ClientCode");
            }

            var money = new Money(amount, currency);
            var invoiceIds = request.InvoiceIds ?? [];
            if (invoiceIds.Count > 0)
            {
                var invoices = await mediator.Send(new GetInvoicesByIds(invoiceIds), ct);
                if (invoices.IsFailure || invoiceIds.Any(id => !invoices.Value.Any(i => i.InvoiceId == id && i.CustomerId == customer.Value.CustomerId)))
                {
                    return Result<CounterReceipt>.Failure(PaymentsErrors.InvoiceNotFound, "InvoiceIds");
                }
            }

            if (user is { Kind: CallerKind.Staff, StaffId: { } staffId } && !kiosk)
            {
                // A cashier's closed day at this desk takes no more money.
                var day = await CashierDays.TouchAsync(db, staffId, request.Centre, request.Terminal, clock.Today, clock.Now, ct);
                if (day.IsFailure)
                {
                    return Result<CounterReceipt>.From(day);
                }
            }

            var channel = kiosk ? PaymentChannel.Kiosk : request.Method == CounterMethod.Card ? PaymentChannel.CardAtCentre : PaymentChannel.Cash;
            var id = SequentialId.New(clock.Now);
            payment = Payment.Received(id, SequentialId.NewReference(clock.Now), AllocationPlan.ForCustomer(customer.Value.CustomerId, money, invoiceIds),
                channel, clock.Today, clock.Now);
            payment.AtCounter(request.Centre, request.Terminal, operatorName, key, hash);
            payment.Handover(tendered, request.Method == CounterMethod.Card ? cardReference : null);
            db.Payments.Add(payment);
            foreach (var settled in payment.SettledEvents(clock.Now))
            {
                db.Publish(settled);
            }

            return new CounterReceipt(id, string.Empty, money);
        }, new Error(CoreErrors.Conflict), DbConflict.Taken, cancellationToken, attempts: 10);

        if (recorded.IsFailure || payment is null)
        {
            return recorded;
        }

        await ReceiptNumbers.AssignAsync(db, options.Value.ReceiptSeries, [payment], cancellationToken);
        return Receipt(payment);
    }

    private static CounterReceipt Receipt(Payment payment) => new(payment.Id, payment.ReceiptNumber!, payment.Total,
        payment.Tendered is { } tendered ? new Money(tendered, payment.Currency) : null,
        payment.Tendered is { } cash ? new Money(cash - payment.Amount, payment.Currency) : null);

    private async Task<Result<CounterReceipt>?> ExistingAsync(string key, string hash, CancellationToken cancellationToken)
    {
        var existing = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestHash == hash
            ? Receipt(existing)
            : Result<CounterReceipt>.Failure(PaymentsErrors.IdempotencyKeyReused, "IdempotencyKey");
    }
}
