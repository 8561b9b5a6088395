using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

public enum LegalType
{
    Individual,
    Company,
    PublicInstitution,
    OwnersAssociation,
}

/// <summary>Services connected at a contract's service point.</summary>
[Flags]
public enum ConnectedServices
{
    None = 0,
    Water = 1,
    Sewerage = 2,
    RainWater = 4,
}

/// <summary>A customer of the utility as other modules see it.</summary>
public sealed record CustomerSummary(Guid CustomerId, string ClientCode, string Name, LegalType LegalType);

/// <summary>A contract with its customer, as billing and the portal need it.</summary>
public sealed record ContractSummary(
    Guid ContractId,
    string ContractNumber,
    Guid CustomerId,
    string ClientCode,
    string CustomerName,
    LegalType LegalType,
    string ServiceAddress,
    ConnectedServices Services,
    LocalDate StartDate,
    LocalDate? EndDate);

/// <summary>
/// A postal address in the parts e-invoices want: <paramref name="County"/> is an ISO 3166-2 subdivision (RO-BV; RO-B
/// for Bucharest, whose <paramref name="City"/> is then SECTOR1…SECTOR6), <paramref name="Country"/> ISO 3166-1 alpha-2.
/// </summary>
public sealed record PostalAddress(string? Street, string? City, string? County, string? PostalCode, string? Country);

/// <summary>A customer as an invoice names its buyer: identifiers (see <see cref="CustomerDirectoryRow"/>) and postal address.</summary>
public sealed record CustomerParty(
    Guid CustomerId,
    string ClientCode,
    string Name,
    LegalType LegalType,
    string? TaxId,
    string? RegistrationNumber,
    string? PersonalCode,
    string? Email,
    PostalAddress Address);

/// <summary>
/// Buyer data of customers for invoices and e-invoices. Holds personal codes: only the customers the caller may see are
/// answered (all for the system; a portal user's own), unknown or foreign ids are left out.
/// </summary>
[AllowedCallers(Callers.Customer | Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersRead)]
public sealed record GetCustomerParties(IReadOnlyList<Guid> CustomerIds) : IQuery<IReadOnlyList<CustomerParty>>;

/// <summary>One page of contracts ordered by id, for streaming (billing runs): pass the last id of a page to get the next.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersRead)]
public sealed record ListContracts(Guid? AfterContractId, int PageSize) : IQuery<IReadOnlyList<ContractSummary>>;

/// <summary>A contract by id, if the caller may see it.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersRead)]
public sealed record GetContract(Guid ContractId) : IQuery<ContractSummary>;

/// <summary>The contracts the caller may see (a portal user's linked client codes; everything for the system).</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersRead)]
public sealed record GetMyContracts : IQuery<IReadOnlyList<ContractSummary>>;

/// <summary>A customer by client code (payment matching, kiosk lookup). System callers only.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersRead)]
public sealed record FindCustomerByClientCode(string ClientCode) : IQuery<CustomerSummary>;

/// <summary>Where a customer's e-invoices go: confirmed users linked to it who opted in to the invoice by email.</summary>
[AllowedCallers(Callers.System)]
public sealed record GetInvoiceEmailRecipients(Guid CustomerId) : IQuery<IReadOnlyList<InvoiceEmailRecipient>>;

public sealed record InvoiceEmailRecipient(Guid UserId, string Email, string Culture);

/// <summary>
/// Every confirmed portal user linked to the customer, with their language (payment confirmations and other notices
/// that are not opt-in). System callers only.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record GetCustomerContacts(Guid CustomerId) : IQuery<IReadOnlyList<CustomerContact>>;

public sealed record CustomerContact(Guid UserId, string Email, string Culture);

/// <summary>
/// Contracts by their numbers (an import naming contracts as the field system knows them), within the caller's scope; unknown
/// numbers are left out. At most 1,000 numbers at once.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersRead)]
public sealed record FindContractsByNumber(IReadOnlyList<string> ContractNumbers) : IQuery<IReadOnlyList<ContractSummary>>;

/// <summary>
/// Confirmed portal users by id, with their language and the customers linked to them (notifications: who a verified
/// phone number belongs to). At most 1,000 ids; unknown or unconfirmed users are left out. System callers only.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record GetPortalUsers(IReadOnlyList<Guid> UserIds) : IQuery<IReadOnlyList<PortalUserContact>>;

public sealed record PortalUserContact(Guid UserId, string Email, string Culture, IReadOnlyList<Guid> CustomerIds);

/// <summary>
/// The confirmed portal users of many customers at once (a reminder's fan-out), one row per customer and user. At most
/// 10,000 customers. System callers only.
/// </summary>
[AllowedCallers(Callers.System)]
public sealed record GetContactsOfCustomers(IReadOnlyList<Guid> CustomerIds) : IQuery<IReadOnlyList<CustomerContactOf>>;

public sealed record CustomerContactOf(Guid CustomerId, Guid UserId, string Email, string Culture);
