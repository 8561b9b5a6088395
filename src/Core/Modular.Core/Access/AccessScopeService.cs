namespace Modular.Core.Access;

/// <summary>
/// Answers the caller's scope once per request scope: everything for the system and for staff acting for nobody; one
/// customer for a kiosk session and for staff acting on a customer's behalf; a portal user's linked customers; nothing
/// for anonymous callers.
/// </summary>
internal sealed class AccessScopeService(ICurrentUser user, IEnumerable<IAccessScopeProvider> providers) : IAccessScope
{
    private readonly IAccessScopeProvider? _provider = providers.LastOrDefault();
    private AccessScope? _cached;

    public async Task<AccessScope> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is not null)
        {
            return _cached;
        }

        _cached = user switch
        {
            { Kind: CallerKind.System } => AccessScope.Everything,
            { Kind: CallerKind.Staff, CustomerId: null } => AccessScope.Everything,
            { Kind: CallerKind.Staff or CallerKind.KioskSession, CustomerId: { } customer } when _provider is not null =>
                await _provider.GetCustomerScopeAsync(customer, cancellationToken),
            { Kind: CallerKind.Customer, UserId: { } id } when _provider is not null => await _provider.GetScopeAsync(id, cancellationToken),
            _ => AccessScope.Nothing,
        };
        return _cached;
    }
}
