using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

/// <summary>
/// One contract of a customer as the utility's master data has it (a CSV row, or a row from an integrator's source). The
/// customer's identifiers and postal address are optional here; e-invoices need them (see <see cref="CustomerParty"/>).
/// </summary>
/// <param name="TaxId">Fiscal code: a VAT identifier with its country prefix (RO18547290, LV40003032949) or a Romanian CUI/CIF
/// without it (not registered for VAT).</param>
/// <param name="RegistrationNumber">Trade register number (J40/1234/2020, or the Latvian registration number).</param>
/// <param name="PersonalCode">An individual's personal code (Romanian CNP, Latvian personas kods).</param>
/// <param name="Latitude">The premises' latitude (WGS 84 decimal degrees), with <paramref name="Longitude"/> or not at all.</param>
/// <param name="Longitude">The premises' longitude (WGS 84 decimal degrees).</param>
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
    LocalDate? EndDate,
    string? TaxId = null,
    string? RegistrationNumber = null,
    string? PersonalCode = null,
    PostalAddress? Address = null,
    double? Latitude = null,
    double? Longitude = null);

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
