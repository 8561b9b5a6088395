using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Email;
using Modular.Core.Outbox;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Persistence;

namespace Modular.Payments.Notifications;

/// <summary>
/// Tells the customer's portal users that their payment arrived. Runs from the outbox after the settlement committed;
/// the inbox makes a repeated delivery send nothing. One email per customer share, so a payment that paid invoices of
/// two customers reaches each customer's users with that customer's part.
/// </summary>
internal sealed class PaymentSettledEmailConsumer(PaymentsDbContext db, UtilityClock clock, IMediator mediator, EmailComposer email,
    PaymentEmailFormat format, IOptions<PaymentsOptions> options)
    : InboxEventHandler<PaymentSettled, PaymentsDbContext>(db, clock.Clock)
{
    public const string Template = "payment-settled";

    protected override string ConsumerName => "payments.settled-email";

    protected override bool HasOutsideEffects => true;

    protected override async Task HandleCoreAsync(PaymentSettled settled, CancellationToken cancellationToken)
    {
        if (!options.Value.ConfirmationEmails)
        {
            return;
        }

        var contacts = await PaymentContacts.OfAsync(mediator, settled.CustomerId, cancellationToken);
        if (contacts.Count == 0)
        {
            return;
        }

        // Invoice numbers are a courtesy: an invoice Billing no longer knows is left out rather than blocking the email.
        var numbers = new List<string>();
        if (settled.InvoiceIds.Count > 0)
        {
            var invoices = await mediator.Send(new GetInvoicesByIds(settled.InvoiceIds), cancellationToken);
            if (invoices.IsSuccess)
            {
                numbers.AddRange(settled.InvoiceIds.Select(id => invoices.Value.FirstOrDefault(i => i.InvoiceId == id)?.Number).OfType<string>());
            }
        }

        var valueDate = settled.ValueDate == default ? clock.DateOf(settled.OccurredAt) : settled.ValueDate;
        foreach (var contact in contacts)
        {
            var language = format.Language(contact.Culture);
            var model = new Dictionary<string, object?>
            {
                ["reference"] = settled.Reference,
                ["amount"] = settled.Amount,
                ["paidOn"] = valueDate,
                ["channel"] = format.Channel(settled.Channel, language),
                ["invoices"] = string.Join(", ", numbers),
                ["hasInvoices"] = numbers.Count > 0,
            };
            await email.SendAsync("Payments", Template, contact.Email, model, language, cancellationToken: cancellationToken);
        }
    }
}

/// <summary>
/// Tells the customer's portal users that (part of) a payment was refunded or reversed by the bank, the same way as
/// <see cref="PaymentSettledEmailConsumer"/>: from the outbox, once per event.
/// </summary>
internal sealed class PaymentReversedEmailConsumer(PaymentsDbContext db, UtilityClock clock, IMediator mediator, EmailComposer email,
    PaymentEmailFormat format, IOptions<PaymentsOptions> options)
    : InboxEventHandler<PaymentReversed, PaymentsDbContext>(db, clock.Clock)
{
    public const string Template = "payment-reversed";

    protected override string ConsumerName => "payments.reversed-email";

    protected override bool HasOutsideEffects => true;

    protected override async Task HandleCoreAsync(PaymentReversed reversed, CancellationToken cancellationToken)
    {
        if (!options.Value.ConfirmationEmails)
        {
            return;
        }

        // The event's payment id is the payment's, or one customer share's of it.
        var paymentId = await Db.Splits.AsNoTracking().Where(s => s.Id == reversed.PaymentId).Select(s => (Guid?)s.PaymentId)
            .SingleOrDefaultAsync(cancellationToken) ?? reversed.PaymentId;
        var payment = await Db.Payments.AsNoTracking().Include(p => p.History).SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return;
        }

        var contacts = await PaymentContacts.OfAsync(mediator, reversed.CustomerId, cancellationToken);
        var bankReversal = payment.History.Any(h => h.Kind == "reversed");
        foreach (var contact in contacts)
        {
            var language = format.Language(contact.Culture);
            var model = new Dictionary<string, object?>
            {
                ["reference"] = payment.Reference,
                ["amount"] = reversed.Amount,
                ["paidAmount"] = payment.Total,
                ["reversedOn"] = clock.DateOf(reversed.OccurredAt),
                ["channel"] = format.Channel(payment.Channel, language),
                ["bankReversal"] = bankReversal,
            };
            await email.SendAsync("Payments", Template, contact.Email, model, language, cancellationToken: cancellationToken);
        }
    }
}

internal static class PaymentContacts
{
    /// <summary>The customer's confirmed portal users (none: nothing to send). A failure throws, so the outbox retries.</summary>
    public static async Task<IReadOnlyList<CustomerContact>> OfAsync(IMediator mediator, Guid customerId, CancellationToken cancellationToken)
    {
        var contacts = await mediator.Send(new GetCustomerContacts(customerId), cancellationToken);
        if (contacts.IsFailure)
        {
            throw new InvalidOperationException($"Contacts of customer {customerId} unavailable: {contacts.Error.Code}");
        }

        return contacts.Value.DistinctBy(c => c.Email.ToUpperInvariant()).ToList();
    }
}
