using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Payments.Contracts;

public enum PaymentStatus
{
    Pending,
    Settled,
    Declined,
    PartiallyRefunded,
    Refunded,
    Reversed,
}

/// <summary>
/// Starts an online payment of <paramref name="InvoiceIds"/> (their remaining amounts, recomputed on the server) or,
/// without invoices, of <paramref name="Amount"/> towards the balance of <paramref name="CustomerId"/>. With invoices,
/// <paramref name="Amount"/> may pay them partly or beyond (the rest becomes credit). The same
/// <paramref name="IdempotencyKey"/> answers the same payment; reused with other content it is refused.
/// </summary>
[AllowedCallers(Callers.Customer)]
public sealed record CreatePayment(
    IReadOnlyList<Guid> InvoiceIds,
    decimal? Amount,
    string IdempotencyKey,
    string ReturnUrl,
    Guid? CustomerId = null) : ICommand<PaymentCreated>;

public sealed record PaymentCreated(Guid PaymentId, string Reference, Money Amount, string RedirectUrl);

/// <summary>A payment the caller may see, with its history.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Read)]
public sealed record GetPayment(Guid PaymentId) : IQuery<PaymentDetails>;

/// <summary>Only the status (the return page polls it; callbacks, not the browser, decide it).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Read)]
public sealed record GetPaymentStatus(Guid PaymentId) : IQuery<PaymentStatus>;

/// <summary>The caller's payments, newest first, every channel.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Read)]
public sealed record GetMyPayments(int Take = 50) : IQuery<IReadOnlyList<PaymentSummary>>;

/// <summary>
/// The same payments as <see cref="GetMyPayments"/> as a CSV file (UTF-8, comma separated, header row, dates as
/// yyyy-MM-dd and amounts with a decimal point whatever the page's language; a text that could start a spreadsheet
/// formula is escaped).
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Read)]
public sealed record ExportMyPayments(int Take = 500) : IQuery<PaymentsCsv>;

public sealed record PaymentsCsv(string FileName, string Content);

public sealed record PaymentSummary(
    Guid PaymentId,
    string Reference,
    Guid CustomerId,
    Money Amount,
    PaymentChannel Channel,
    PaymentStatus Status,
    Instant CreatedAt,
    LocalDate? ValueDate,
    string? ReceiptNumber);

public sealed record PaymentDetails(
    PaymentSummary Payment,
    IReadOnlyList<Guid> InvoiceIds,
    Money Refunded,
    string? Centre,
    string? Terminal,
    string? Operator,
    string? Source,
    IReadOnlyList<PaymentHistoryEntry> History);

/// <summary>One step of a payment's life: created, settled, declined, refunded, reversed, a refused callback.</summary>
public sealed record PaymentHistoryEntry(Instant At, string Kind, Money? Amount, string? Detail);

/// <summary>How the money was handed over at a counter or kiosk (the channel itself comes from the caller).</summary>
public enum CounterMethod
{
    Cash,

    /// <summary>A card on the centre's or kiosk's own POS terminal: no card data reaches us.</summary>
    Card,
}

/// <summary>
/// Money taken at a collection centre's counter (staff) or a kiosk (a kiosk session), in cash or by card on the centre's
/// own POS: no card data reaches us. Who took it comes from the caller. <paramref name="IdempotencyKey"/> is the
/// terminal's transaction id (or a key the cashier's form carries); a repeat answers the same receipt.
/// <paramref name="Tendered"/> is the cash the customer handed over (cash only; at least <paramref name="Amount"/>: the
/// change is computed here and printed). <paramref name="CardReference"/> is the transaction reference the centre's POS
/// terminal printed; a staff member taking a card payment must give it. A staff member whose day at that centre and
/// desk (<paramref name="Terminal"/>) is closed takes no more money there that day.
/// </summary>
[AllowedCallers(Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Counter)]
public sealed record RecordCounterPayment(
    string ClientCode,
    IReadOnlyList<Guid> InvoiceIds,
    decimal Amount,
    string Currency,
    CounterMethod Method,
    string Centre,
    string Terminal,
    string IdempotencyKey,
    decimal? Tendered = null,
    string? CardReference = null) : ICommand<CounterReceipt>;

/// <param name="Tendered">The cash handed over, when given.</param>
/// <param name="Change">What the cashier gives back (tendered minus the amount), when cash was tendered.</param>
public sealed record CounterReceipt(Guid PaymentId, string ReceiptNumber, Money Amount, Money? Tendered = null, Money? Change = null);

public enum ReceiptFormat
{
    Html,
    Pdf,

    /// <summary>The bytes for an 80 mm thermal printer (ESC/POS, the host's <c>Modular:Printing:Profile</c>).</summary>
    EscPos,
}

/// <summary>The receipt of a settled payment, as HTML, PDF (only when the host has a PDF renderer) or printer bytes.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Read)]
public sealed record GetReceipt(Guid PaymentId, ReceiptFormat Format, string? Culture = null) : IQuery<ReceiptDocument>;

public sealed record ReceiptDocument(string ContentType, string FileName, byte[] Content);

/// <summary>
/// Prints the receipt of a payment taken at a desk or a kiosk on that device's receipt printer (again, when asked again: a
/// printer that jammed prints it once more). Payments without a desk or kiosk have nothing to print on.
/// </summary>
[AllowedCallers(Callers.KioskSession | Callers.Staff, StaffPermission = PaymentsPermissions.Counter)]
public sealed record PrintReceipt(Guid PaymentId, string? Culture = null) : ICommand<ReceiptPrinted>;

/// <param name="Device">The printer's device: <c>{centre}-{desk or kiosk}</c>.</param>
public sealed record ReceiptPrinted(string Device, string ReceiptNumber);

/// <summary>Refunds a settled payment wholly or in part (staff). The key makes a repeat harmless.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = PaymentsPermissions.Refund)]
public sealed record RefundPayment(Guid PaymentId, decimal Amount, string Reason, string IdempotencyKey) : ICommand<RefundResult>;

public sealed record RefundResult(Guid RefundId, Guid PaymentId, Money Amount, PaymentStatus Status);

/// <summary>Job: asks the gateway about online payments pending longer than the configured minutes and applies its answer.</summary>
[AllowedCallers(Callers.System)]
public sealed record ReconcilePendingPayments : ICommand<ReconcileReport>;

public sealed record ReconcileReport(int Checked, int Settled, int Declined, int StillPending);
