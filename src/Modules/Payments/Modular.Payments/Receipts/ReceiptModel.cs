using MediatR;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Domain;

namespace Modular.Payments.Receipts;

/// <summary>What every form of a receipt (HTML, PDF, printer) shows: the payment and who received the money.</summary>
internal static class ReceiptModel
{
    public static async Task<Result<object>> ForAsync(Payment payment, IMediator mediator, UtilityClock clock, CancellationToken cancellationToken)
    {
        // The receipt names who received the money; Billing holds the utility's issuer data for every document.
        var issuer = await mediator.Send(new GetIssuer(), cancellationToken);
        if (issuer.IsFailure)
        {
            return Result<object>.From(issuer);
        }

        return new
        {
            Issuer = issuer.Value,
            payment.ReceiptNumber,
            payment.Reference,
            Amount = payment.Total,
            Tendered = payment.Tendered is { } tendered ? payment.Total with { Amount = tendered } : (Core.Money.Money?)null,
            Change = payment.Tendered is { } given ? payment.Total with { Amount = given - payment.Amount } : (Core.Money.Money?)null,
            Channel = payment.Channel.ToString(),
            payment.Centre,
            payment.Terminal,
            payment.Operator,
            payment.CardReference,
            ValueDate = payment.ValueDate ?? clock.DateOf(payment.CreatedAt),
            payment.CreatedAt,
        };
    }
}
