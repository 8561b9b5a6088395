using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

/// <summary>
/// A contract's premises (its service point) as area matching needs it (outages): the service address, its parts read from
/// it – locality (the last comma-separated part), street and house number (the first part: "Strada Unirii nr. 12",
/// "Str. Gării 5", "Brīvības iela 12-5") – and the optional coordinates (WGS 84) the utility's master data gives.
/// </summary>
public sealed record PremisesView(
    Guid ContractId,
    string ContractNumber,
    Guid CustomerId,
    string ServiceAddress,
    string? Locality,
    string? Street,
    string? HouseNumber,
    double? Latitude,
    double? Longitude,
    ConnectedServices Services,
    LocalDate? EndDate);

/// <summary>
/// One page of premises ordered by contract id (pass the last id of a page to get the next), for matching areas against the
/// utility's address structure. At most 5,000 per page. Staff and system callers.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.CustomersRead)]
public sealed record ListPremises(Guid? AfterContractId, int PageSize) : IQuery<IReadOnlyList<PremisesView>>;
