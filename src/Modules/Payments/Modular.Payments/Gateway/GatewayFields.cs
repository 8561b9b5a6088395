using Modular.Core.Results;
using Modular.Payments.Domain;

namespace Modular.Payments.Gateway;

/// <summary>
/// Limits on what a gateway tells us (callbacks and status answers alike), checked before anything is looked up or stored:
/// a reference or transaction id is 1 to its column's length of visible ASCII characters, an amount is not negative.
/// </summary>
internal static class GatewayFields
{
    /// <summary>Largest callback body read; a bigger one is refused unread (413).</summary>
    public const int MaxCallbackBytes = Contracts.ReceiveGatewayCallback.MaxBodyBytes;

    /// <summary>The <c>payments.Reference</c> column.</summary>
    public const int MaxReference = 40;

    /// <summary>The <c>payments.GatewayTransactionId</c> column.</summary>
    public const int MaxTransactionId = 200;

    /// <summary>The first field that is not acceptable, as a <c>payments.callback_field_invalid</c> error; null when all are.</summary>
    public static Error? Check(GatewayNotification notification)
    {
        if (!IsVisibleAscii(notification.Reference, MaxReference))
        {
            return Invalid("reference");
        }

        // A status answer for a payment the gateway has not seen yet carries no transaction id.
        if (notification.TransactionId is null
            || (notification.TransactionId.Length > 0 && !IsVisibleAscii(notification.TransactionId, MaxTransactionId)))
        {
            return Invalid("transactionId");
        }

        return notification.Amount.Amount < 0m ? Invalid("amount") : null;
    }

    private static Error Invalid(string field) => Error.Of(PaymentsErrors.CallbackFieldInvalid, field, ("field", field));

    private static bool IsVisibleAscii(string? value, int max) =>
        !string.IsNullOrEmpty(value) && value.Length <= max && value.All(c => c is > ' ' and < '\u007f');
}
