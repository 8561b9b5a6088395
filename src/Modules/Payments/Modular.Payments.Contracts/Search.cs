using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Payments.Contracts;

/// <summary>
/// Payments for the back office, newest first. <paramref name="Text"/> is a payment reference or receipt number
/// (exact), a client code (that customer's payments), an exact amount ("64.00" or "64,00"), or part of the payer's
/// reference; <paramref name="From"/> and <paramref name="To"/> are days in the utility's zone (inclusive) of when the
/// payment was made. At most <paramref name="Take"/> (1–200). Staff acting on behalf of a customer see only theirs.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Read)]
public sealed record SearchPayments(
    string? Text = null,
    Guid? CustomerId = null,
    LocalDate? From = null,
    LocalDate? To = null,
    PaymentChannel? Channel = null,
    PaymentStatus? Status = null,
    int Take = 50) : IQuery<IReadOnlyList<PaymentSummary>>
{
    public const int MaxTake = 200;
}
