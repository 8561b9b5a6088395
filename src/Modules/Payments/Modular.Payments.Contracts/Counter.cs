using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Payments.Contracts;

/// <summary>A collection centre with its desks (configuration <c>Modular:Payments:Centres</c>).</summary>
public sealed record CashierCentre(string Code, string Name, IReadOnlyList<string> Desks);

/// <summary>The centre and desk a cashier works at in this staff session.</summary>
public sealed record CashierDesk(string Centre, string CentreName, string Desk);

/// <summary>The centres and desks there are, and the one the caller's staff session chose (null until chosen).</summary>
public sealed record CashierDeskState(IReadOnlyList<CashierCentre> Centres, CashierDesk? Chosen);

/// <summary>The desks of the configured centres and the one this staff session works at.</summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.Counter)]
public sealed record GetCashierDesk : IQuery<CashierDeskState>;

/// <summary>
/// Chooses the centre and desk this staff session takes money at (once per shift; it ends with the session). Only a
/// configured centre and one of its desks.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.Counter)]
public sealed record ChooseCashierDesk(string Centre, string Desk) : ICommand<CashierDesk>;

public enum CounterCancellationStatus
{
    Pending,
    Approved,
    Refused,
}

/// <summary>A cashier's request to cancel a mistaken counter payment, and the supervisor's decision.</summary>
public sealed record CounterCancellationView(
    Guid CancellationId,
    Guid PaymentId,
    string ReceiptNumber,
    Money Amount,
    PaymentChannel Channel,
    string Centre,
    string Desk,
    Guid RequestedBy,
    string Reason,
    Instant RequestedAt,
    CounterCancellationStatus Status,
    Guid? DecidedBy,
    Instant? DecidedAt);

/// <summary>
/// Asks to cancel a counter payment (cash or card at a centre) taken today, in the utility's time zone, with a reason. It
/// waits for a supervisor (<see cref="DecideCounterCancellation"/>); one request per payment.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.Counter)]
public sealed record RequestCounterCancellation(Guid PaymentId, string Reason) : ICommand<CounterCancellationView>;

/// <summary>
/// A supervisor approves (the payment is reversed in full: <see cref="PaymentReversed"/>, Billing reopens its invoices) or
/// refuses a pending cancellation. Only on the day the payment was taken, never one's own request, once.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.CounterApprove)]
public sealed record DecideCounterCancellation(Guid CancellationId, bool Approve) : ICommand<CounterCancellationView>;

/// <summary>Cancellations waiting for a supervisor, oldest first.</summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.CounterApprove)]
public sealed record ListPendingCounterCancellations : IQuery<IReadOnlyList<CounterCancellationView>>;

/// <summary>
/// The caller's day at a centre's desk (the utility's date; today when not given): what was taken per method, the
/// receipts, the cancelled ones and the cash to hand over; and whether it is closed.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.Counter)]
public sealed record GetCashierDay(string Centre, string Desk, LocalDate? Date = null) : IQuery<CashierDayReport>;

/// <summary>
/// Closes the caller's day at a centre's desk (today when no date is given), exactly once: a second close is
/// <c>payments.cashier_day_already_closed</c>. Refused while a cancellation of that day waits for a supervisor.
/// Afterwards the cashier takes no more money at that desk that day.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.Counter)]
public sealed record CloseCashierDay(string Centre, string Desk, LocalDate? Date = null) : ICommand<CashierDayReport>;

/// <summary>
/// Every cashier's day at every desk on a utility date (today when not given), open ones first: a supervisor's view of
/// the collection centres, to see who has not closed and what each hands over.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.CounterApprove)]
public sealed record ListCashierDays(LocalDate? Date = null) : IQuery<IReadOnlyList<CashierDaySummary>>;

/// <summary>Another cashier's day at a desk, for a supervisor.</summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.CounterApprove)]
public sealed record GetCashierDayOf(Guid StaffId, string Centre, string Desk, LocalDate Date) : IQuery<CashierDayReport>;

/// <summary>
/// A supervisor closes another cashier's day (one who left without closing), with the same rules as
/// <see cref="CloseCashierDay"/>: once, not in the future, not while a cancellation of that day waits.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.CounterApprove)]
public sealed record CloseCashierDayOf(Guid StaffId, string Centre, string Desk, LocalDate Date) : ICommand<CashierDayReport>;

/// <summary>One cashier's day at one desk in <see cref="ListCashierDays"/>.</summary>
public sealed record CashierDaySummary(
    Guid StaffId,
    string Centre,
    string Desk,
    LocalDate Date,
    int Receipts,
    Money Card,
    Money CashToHandOver,
    int PendingCancellations,
    Instant? ClosedAt);

/// <param name="Cash">Cash taken (receipts issued in cash, cancelled ones included).</param>
/// <param name="Card">Card payments taken on the centre's POS terminal, cancelled ones included.</param>
/// <param name="CashToHandOver">Cash taken minus cash cancelled: what the cashier hands over.</param>
public sealed record CashierDayReport(
    Guid StaffId,
    string Centre,
    string Desk,
    LocalDate Date,
    Money Cash,
    Money Card,
    int Receipts,
    int Cancelled,
    Money CashCancelled,
    Money CardCancelled,
    Money CashToHandOver,
    int PendingCancellations,
    Instant? ClosedAt,
    IReadOnlyList<CashierDayLine> Lines);

/// <summary>One receipt of the day.</summary>
public sealed record CashierDayLine(
    Guid PaymentId,
    string ReceiptNumber,
    Instant At,
    PaymentChannel Channel,
    Money Amount,
    Money? Tendered,
    string? CardReference,
    CounterCancellationStatus? Cancellation);

/// <summary>A counter payment as the cashier's receipt page shows it: the change given, the POS reference, its cancellation.</summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.Counter)]
public sealed record GetCounterReceipt(Guid PaymentId) : IQuery<CounterReceiptView>;

public sealed record CounterReceiptView(
    Guid PaymentId,
    string ReceiptNumber,
    Guid CustomerId,
    IReadOnlyList<Guid> InvoiceIds,
    PaymentChannel Channel,
    PaymentStatus Status,
    Money Amount,
    Money? Tendered,
    Money? Change,
    string? CardReference,
    string Centre,
    string Desk,
    Guid? TakenBy,
    Instant At,
    bool CancellableToday,
    CounterCancellationView? Cancellation);

/// <summary>
/// The payment the caller already took at a desk with this form's key, if any: a reload of the desk's form after its
/// invoices were paid answers that receipt instead of asking again.
/// </summary>
[AllowedCallers(Callers.Staff, StaffPermission = PaymentsPermissions.Counter)]
public sealed record FindCounterPayment(string Centre, string Terminal, string IdempotencyKey) : IQuery<CounterReceipt>;
