using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Billing.Contracts;

/// <summary>
/// Invoice history the caller may see, newest period first, filtered by customer, contract, period range and status.
/// Invoices of periods before the configured "visible since" date are never shown.
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetInvoices(Guid? CustomerId = null, Guid? ContractId = null, YearMonth? From = null, YearMonth? To = null,
    InvoiceStatus? Status = null) : IQuery<IReadOnlyList<InvoiceSummary>>;

/// <summary>
/// What the dashboard shows of the caller's invoices without loading their history: the latest invoice (by issue date,
/// then period) and how many are overdue.
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetInvoiceOverview : IQuery<InvoiceOverview>;

public sealed record InvoiceOverview(InvoiceSummary? Latest, int Overdue);

/// <summary>The utility as it issues documents (invoices and other modules' receipts): name, tax id and address.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record GetIssuer : IQuery<Issuer>;

public sealed record Issuer(string Name, string? TaxId, string? Address);

/// <summary>Billed consumption and amounts per period of a contract, oldest first (charts and comparisons).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetConsumptionAndAmountsHistory(Guid ContractId, YearMonth From, YearMonth To)
    : IQuery<IReadOnlyList<PeriodConsumptionAndAmount>>;

public sealed record PeriodConsumptionAndAmount(YearMonth Period, decimal CubicMeters, bool Estimated, Money Total);

/// <summary>The same rows as <see cref="GetInvoices"/> as a CSV file.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record ExportInvoicesCsv(Guid? CustomerId = null, Guid? ContractId = null, YearMonth? From = null, YearMonth? To = null,
    InvoiceStatus? Status = null) : IQuery<DocumentFile>;

/// <summary>The same rows as <see cref="GetConsumptionAndAmountsHistory"/> as a CSV file.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record ExportConsumptionAndAmountsCsv(Guid ContractId, YearMonth From, YearMonth To) : IQuery<DocumentFile>;

public enum DocumentFormat
{
    /// <summary>The print-ready HTML page (also the web view).</summary>
    Html,

    /// <summary>The same page printed by the host's PDF renderer.</summary>
    Pdf,
}

/// <summary>
/// The invoice as a document in the given culture (ro, en, lv; the caller's or the default when null). PDF fails with
/// <c>billing.pdf_unavailable</c> when the host has no PDF renderer; the HTML is always available.
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetInvoiceDocument(Guid InvoiceId, DocumentFormat Format, string? Culture = null) : IQuery<DocumentFile>;

public sealed record DocumentFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Balance of one contract: its open invoices and how much of that is overdue. Credit belongs to the customer (payments
/// arrive per customer), so it is in <see cref="GetBalance"/>, not here.
/// </summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetContractBalance(Guid ContractId) : IQuery<ContractBalance>;

public sealed record ContractBalance(Guid ContractId, Money OpenInvoices, Money Overdue);
