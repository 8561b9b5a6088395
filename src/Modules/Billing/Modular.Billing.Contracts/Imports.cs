using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Billing.Contracts;

/// <summary>
/// Mirror mode: imports invoices issued by the utility's ERP from CSV (header row; columns <c>number, client_code,
/// contract_id, period, issue_date, due_date, currency, net, vat, total, paid, estimated, cubic_meters</c>, optional
/// <c>contract_number, service_address</c>; dates
/// <c>yyyy-MM-dd</c>, period <c>yyyy-MM</c>, invariant decimals). A number already imported is skipped, so a file can
/// be imported again. System callers only.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Import)]
public sealed record ImportInvoices(string Csv) : ICommand<ImportReport>;

/// <summary>Mirror mode through the integrator's port (<c>IInvoiceImportSource</c> in Modular.Billing).</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Import)]
public sealed record ImportInvoicesFromSource : ICommand<ImportReport>;

/// <summary>An invoice as the ERP states it.</summary>
public sealed record ImportedInvoice(
    string Number,
    string ClientCode,
    Guid ContractId,
    YearMonth Period,
    LocalDate IssueDate,
    LocalDate DueDate,
    string Currency,
    decimal Net,
    decimal Vat,
    decimal Total,
    decimal Paid,
    bool Estimated,
    decimal CubicMeters,
    string? ContractNumber = null,
    string? ServiceAddress = null);

public sealed record ImportReport(int Read, int Imported, int AlreadyImported, IReadOnlyList<ImportError> Errors);

/// <summary>A rejected row: its line (1 = first data row) and a <c>billing.*</c> code.</summary>
public sealed record ImportError(int Line, string Code);
