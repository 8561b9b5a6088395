using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

/// <summary>One contract of a customer as the utility's master data has it (a CSV row, or a row from an integrator's source).</summary>
public sealed record CustomerDirectoryRow(
    string ClientCode,
    LegalType LegalType,
    string Name,
    string? Email,
    string? Phone,
    string ContractNumber,
    string? InternalCode,
    string ServiceAddress,
    ConnectedServices Services,
    LocalDate StartDate,
    LocalDate? EndDate);

/// <summary>
/// Upserts customers and contracts (by client code and contract number). Reads the CSV in <paramref name="Csv"/>, or,
/// when it is null, the host's customer directory source. System callers only. A bad row is reported and skipped.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersImport)]
public sealed record ImportCustomers(Stream? Csv = null) : ICommand<ImportReport>;

/// <summary>Loads a deterministic set of demo customers with contracts (same seed, same data). System callers only.</summary>
[AllowedCallers(Callers.System)]
public sealed record SeedDemoCustomers(int Seed, int Count) : ICommand<ImportReport>;

/// <param name="Created">Rows whose contract did not exist.</param>
/// <param name="Updated">Rows that changed an existing customer or contract.</param>
/// <param name="Unchanged">Rows already up to date.</param>
public sealed record ImportReport(int Created, int Updated, int Unchanged, IReadOnlyList<ImportRejection> Rejected);

/// <param name="Row">1-based data row (the header is not counted).</param>
/// <param name="Code">Stable reason code, e.g. <c>accounts.import.legal_type_invalid</c>.</param>
public sealed record ImportRejection(int Row, string? ClientCode, string Code, string Reason);
