using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Gateway;
using NodaTime;

namespace Modular.Payments.Domain;

/// <summary>
/// Money received (or expected, online) for one or more customers. Rules: an online payment only settles from a
/// verified gateway notification whose amount, currency and reference match; a settled payment is never downgraded;
/// refunds never exceed what was settled; every change is kept in <see cref="History"/>.
/// </summary>
internal sealed class Payment
{
    private readonly List<PaymentSplit> _splits = [];
    private readonly List<PaymentHistory> _history = [];

    private Payment()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>What we give the gateway or print on the receipt; unique.</summary>
    public string Reference { get; private set; } = null!;

    /// <summary>The customer of the first invoice (or the only customer).</summary>
    public Guid CustomerId { get; private set; }

    public decimal Amount { get; private set; }

    public Currency Currency { get; private set; }

    public PaymentChannel Channel { get; private set; }

    public PaymentStatus Status { get; private set; }

    /// <summary>Invoice ids in allocation order, comma-separated.</summary>
    public string InvoiceIds { get; private set; } = string.Empty;

    public string? IdempotencyKey { get; private set; }

    public string? RequestHash { get; private set; }

    public Guid? CreatedBy { get; private set; }

    /// <summary>For imported money: the line's key (bank account + entry reference, or partner + transaction id); unique.</summary>
    public string? ExternalKey { get; private set; }

    public string? Source { get; private set; }

    /// <summary>The reference the payer gave (redacted of card numbers), for imported money.</summary>
    public string? PayerReference { get; private set; }

    public string? Centre { get; private set; }

    public string? Terminal { get; private set; }

    public string? Operator { get; private set; }

    public string? ReceiptNumber { get; private set; }

    /// <summary>The cash the customer handed over at a counter (the change is this minus the amount).</summary>
    public decimal? Tendered { get; private set; }

    /// <summary>The transaction reference the centre's own POS terminal printed for a card payment at a counter.</summary>
    public string? CardReference { get; private set; }

    public string? Gateway { get; private set; }

    public string? GatewayTransactionId { get; private set; }

    public string? RedirectUrl { get; private set; }

    public string? ReturnUrl { get; private set; }

    public LocalDate? ValueDate { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? SettledAt { get; private set; }

    public decimal Refunded { get; private set; }

    public Guid? ImportId { get; private set; }

    /// <summary>Optimistic concurrency token: two callbacks or refunds racing on one payment cannot both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<PaymentSplit> Splits => _splits;

    public IReadOnlyList<PaymentHistory> History => _history;

    public Money Total => new(Amount, Currency);

    public IReadOnlyList<Guid> InvoiceIdList =>
        InvoiceIds.Length == 0 ? [] : InvoiceIds.Split(',').Select(Guid.Parse).ToList();

    public static Payment StartOnline(Guid id, string reference, AllocationPlan plan, string gateway, string idempotencyKey,
        string requestHash, Guid? createdBy, string returnUrl, Instant now)
    {
        var payment = New(id, reference, plan, PaymentChannel.Online, now);
        payment.Status = PaymentStatus.Pending;
        payment.Gateway = gateway;
        payment.IdempotencyKey = idempotencyKey;
        payment.RequestHash = requestHash;
        payment.CreatedBy = createdBy;
        payment.ReturnUrl = returnUrl;
        payment.Record(now, "created", payment.Total, null);
        return payment;
    }

    /// <summary>Money already in hand (counter, partner, bank): settled at once.</summary>
    public static Payment Received(Guid id, string reference, AllocationPlan plan, PaymentChannel channel, LocalDate valueDate, Instant now,
        string? externalKey = null, string? source = null, string? payerReference = null, Guid? importId = null, string? terminal = null)
    {
        var payment = New(id, reference, plan, channel, now);
        payment.Status = PaymentStatus.Settled;
        payment.SettledAt = now;
        payment.ValueDate = valueDate;
        payment.ExternalKey = externalKey;
        payment.Source = source;
        payment.PayerReference = payerReference;
        payment.ImportId = importId;
        payment.Terminal = terminal;
        return payment;
    }

    public void AtCounter(string centre, string terminal, string @operator, string idempotencyKey, string requestHash)
    {
        Centre = centre;
        Terminal = terminal;
        Operator = @operator;
        IdempotencyKey = idempotencyKey;
        RequestHash = requestHash;
        Record(CreatedAt, "settled", Total, $"{centre}/{terminal}");
    }

    /// <summary>What the counter recorded of the handover: the cash tendered, or the POS terminal's transaction reference.</summary>
    public void Handover(decimal? tendered, string? cardReference)
    {
        Tendered = tendered;
        CardReference = cardReference;
    }

    /// <summary>The receipt number, given once when the payment settles (see <c>ReceiptNumbers</c>).</summary>
    public void IssueReceipt(string number)
    {
        if (ReceiptNumber is not null || Status == PaymentStatus.Pending || Status == PaymentStatus.Declined)
        {
            throw new InvalidOperationException($"Payment {Id} cannot take receipt number {number}.");
        }

        ReceiptNumber = number;
    }

    public void SessionCreated(string redirectUrl)
    {
        RedirectUrl = redirectUrl;
        Version++;
    }

    /// <summary>Applies a verified gateway notification. Mismatches and downgrades change nothing but the history.</summary>
    public GatewayApplyOutcome Apply(GatewayPaymentState outcome, Money amount, string transactionId, LocalDate today, Instant now)
    {
        if (amount.Currency != Currency || MoneyRounding.Round(amount.Amount, Currency) != MoneyRounding.Round(Amount, Currency))
        {
            Record(now, "callback_refused", amount, PaymentsErrors.CallbackMismatch);
            return GatewayApplyOutcome.Mismatch;
        }

        switch (outcome)
        {
            case GatewayPaymentState.Approved when Status == PaymentStatus.Pending || Status == PaymentStatus.Declined:
                Status = PaymentStatus.Settled;
                SettledAt = now;
                ValueDate = today;
                GatewayTransactionId = transactionId;
                Version++;
                Record(now, "settled", amount, transactionId);
                return GatewayApplyOutcome.Settled;
            case GatewayPaymentState.Declined when Status == PaymentStatus.Pending:
                Status = PaymentStatus.Declined;
                Version++;
                Record(now, "declined", amount, transactionId);
                return GatewayApplyOutcome.Declined;
            case GatewayPaymentState.Pending:
                return GatewayApplyOutcome.Unchanged;
            default:
                // A repeat, or a late "declined" after settlement: never downgrade.
                return GatewayApplyOutcome.Unchanged;
        }
    }

    /// <summary>Refunds part or all of a settled payment; answers the amounts to reverse per event payment id.</summary>
    public Result<IReadOnlyList<(Guid EventPaymentId, Guid CustomerId, Money Amount)>> Refund(decimal amount, string reason, string kind, Instant now)
    {
        if (Status is not (PaymentStatus.Settled or PaymentStatus.PartiallyRefunded))
        {
            return Result<IReadOnlyList<(Guid, Guid, Money)>>.Failure(PaymentsErrors.NotSettled);
        }

        amount = MoneyRounding.Round(amount, Currency);
        if (amount <= 0m)
        {
            return Result<IReadOnlyList<(Guid, Guid, Money)>>.Failure(PaymentsErrors.AmountNotPositive, "Amount");
        }

        if (amount > Amount - Refunded)
        {
            return Error.Of(PaymentsErrors.RefundTooLarge, "Amount", ("available", new Money(Amount - Refunded, Currency)));
        }

        Refunded += amount;
        Status = Refunded == Amount ? (kind == "reversed" ? PaymentStatus.Reversed : PaymentStatus.Refunded) : PaymentStatus.PartiallyRefunded;
        Record(now, kind, new Money(amount, Currency), reason);
        Version++;
        return Result.Success<IReadOnlyList<(Guid, Guid, Money)>>(SplitRefund(amount));
    }

    /// <summary>The events to publish on settlement: one per customer share.</summary>
    public IEnumerable<PaymentSettled> SettledEvents(Instant now)
    {
        var invoices = InvoiceIdList;
        if (_splits.Count == 0)
        {
            yield return new PaymentSettled(SequentialId.New(now), now, Id, CustomerId, Total, invoices, Channel, Reference, ValueDate ?? default);
            yield break;
        }

        foreach (var split in _splits)
        {
            yield return new PaymentSettled(SequentialId.New(now), now, split.Id, split.CustomerId, new Money(split.Amount, Currency),
                split.InvoiceIdList, Channel, Reference, ValueDate ?? default);
        }
    }

    private List<(Guid, Guid, Money)> SplitRefund(decimal amount)
    {
        if (_splits.Count == 0)
        {
            return [(Id, CustomerId, new Money(amount, Currency))];
        }

        // Undo the last shares first (the first customer's share is the one that also took any credit).
        var result = new List<(Guid, Guid, Money)>();
        var left = amount;
        foreach (var split in _splits.OrderByDescending(s => s.Position))
        {
            var available = split.Amount - split.Refunded;
            var take = Math.Min(available, left);
            if (take > 0m)
            {
                split.Refunded += take;
                left -= take;
                result.Add((split.Id, split.CustomerId, new Money(take, Currency)));
            }
        }

        return result;
    }

    private static Payment New(Guid id, string reference, AllocationPlan plan, PaymentChannel channel, Instant now)
    {
        var payment = new Payment
        {
            Id = id,
            Reference = reference,
            CustomerId = plan.CustomerId,
            Amount = plan.Total.Amount,
            Currency = plan.Total.Currency,
            Channel = channel,
            InvoiceIds = string.Join(',', plan.InvoiceIds),
            CreatedAt = now,
        };
        var shares = plan.Shares;
        if (shares.Count > 1)
        {
            for (var i = 0; i < shares.Count; i++)
            {
                payment._splits.Add(new PaymentSplit(SequentialId.New(now), id, i, shares[i].CustomerId, shares[i].Amount, shares[i].InvoiceIds));
            }
        }

        return payment;
    }

    private void Record(Instant at, string kind, Money? amount, string? detail) =>
        _history.Add(new PaymentHistory(SequentialId.New(at), Id, at, kind, amount?.Amount, detail));
}

internal enum GatewayApplyOutcome
{
    Settled,
    Declined,
    Unchanged,
    Mismatch,
}

/// <summary>One customer's share of a payment that paid invoices of several customers; billing sees each share as a payment.</summary>
internal sealed class PaymentSplit
{
    private PaymentSplit()
    {
    }

    public PaymentSplit(Guid id, Guid paymentId, int position, Guid customerId, decimal amount, IReadOnlyList<Guid> invoiceIds)
    {
        Id = id;
        PaymentId = paymentId;
        Position = position;
        CustomerId = customerId;
        Amount = amount;
        InvoiceIds = string.Join(',', invoiceIds);
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public int Position { get; private set; }

    public Guid CustomerId { get; private set; }

    public decimal Amount { get; private set; }

    public decimal Refunded { get; set; }

    public string InvoiceIds { get; private set; } = string.Empty;

    public IReadOnlyList<Guid> InvoiceIdList => InvoiceIds.Length == 0 ? [] : InvoiceIds.Split(',').Select(Guid.Parse).ToList();
}

internal sealed class PaymentHistory
{
    private PaymentHistory()
    {
    }

    public PaymentHistory(Guid id, Guid paymentId, Instant at, string kind, decimal? amount, string? detail)
    {
        Id = id;
        PaymentId = paymentId;
        At = at;
        Kind = kind;
        Amount = amount;
        Detail = detail;
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public Instant At { get; private set; }

    public string Kind { get; private set; } = null!;

    public decimal? Amount { get; private set; }

    public string? Detail { get; private set; }
}
