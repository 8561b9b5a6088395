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
