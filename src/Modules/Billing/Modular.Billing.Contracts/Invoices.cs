using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Billing.Contracts;

public enum InvoiceStatus
{
    Issued,
    PartiallyPaid,
    Paid,
    Overdue,
    Cancelled,
}

/// <summary>An invoice as payments, the portal and the kiosk see it.</summary>
public sealed record InvoiceSummary(
    Guid InvoiceId,
    string Number,
    Guid CustomerId,
    Guid ContractId,
    string ClientCode,
    YearMonth Period,
    LocalDate IssueDate,
    LocalDate DueDate,
    LocalDate GraceDate,
    Money Total,
    Money Paid,
    Money Remaining,
    InvoiceStatus Status,
    bool Estimated);

/// <summary>Invoices by id that the caller may see (missing or foreign ids are left out).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetInvoicesByIds(IReadOnlyList<Guid> InvoiceIds) : IQuery<IReadOnlyList<InvoiceSummary>>;

/// <summary>Open (not fully paid, not cancelled) invoices of customers, oldest due first.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetOpenInvoices(IReadOnlyList<Guid> CustomerIds) : IQuery<IReadOnlyList<InvoiceSummary>>;

/// <summary>An invoice by its printed number (series and number, e.g. "AP 000123"), for payment matching and kiosk barcodes.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record FindInvoiceByNumber(string Number) : IQuery<InvoiceSummary>;

/// <summary>
/// Whether Billing has allocated a settled payment to the customer's invoices yet. It learns of the payment from an
/// event, moments after the gateway's answer: until then a page shows the payment as "being recorded" rather than the
/// invoices' earlier status.
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record IsPaymentRecorded(Guid PaymentId, Guid CustomerId) : IQuery<bool>;

/// <summary>Balance ("Sold") of a customer: open invoices minus unallocated credit.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetBalance(Guid CustomerId) : IQuery<Balance>;

/// <summary>
/// Balances of several customers at once (the dashboard, the API); a customer whose open amounts mix currencies is
/// left out, as <see cref="GetBalance"/> refuses it, and so is a customer the caller may not see.
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetBalances(IReadOnlyList<Guid> CustomerIds) : IQuery<IReadOnlyList<Balance>>
{
    public const int MaxCustomers = 500;
}

public sealed record Balance(Guid CustomerId, Money OpenInvoices, Money Credit, Money Due);

/// <summary>One invoice with what it bills: its lines, its contract and premises, the m³ billed (the portal's invoice page).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetInvoiceDetails(Guid InvoiceId) : IQuery<InvoiceDetails>;

/// <param name="CubicMeters">The water billed (estimated when <see cref="InvoiceSummary.Estimated"/>).</param>
public sealed record InvoiceDetails(
    InvoiceSummary Invoice,
    string ContractNumber,
    string ServiceAddress,
    decimal CubicMeters,
    Money Net,
    Money Vat,
    IReadOnlyList<InvoiceLineView> Lines);

public enum InvoiceLineKind
{
    Consumption,
    Fixed,

    /// <summary>The difference between estimates billed earlier and the actual consumption read since.</summary>
    Regularization,
}

/// <summary>
/// One printed line. <paramref name="Quantity"/> is in m³ for water and sewerage and in months (a share for part of a
/// month) for fixed fees; <paramref name="VatRate"/> is a fraction (0.11 for 11 %).
/// </summary>
public sealed record InvoiceLineView(
    TariffService Service,
    InvoiceLineKind Kind,
    string TariffName,
    LocalDate From,
    LocalDate To,
    decimal Quantity,
    Money UnitPrice,
    decimal VatRate,
    Money Net,
    Money Vat,
    Money Total);
