namespace Modular.Core.Access;

/// <summary>Answers the caller's scope once per request scope: everything for system callers, nothing for anonymous ones.</summary>
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
            { IsSystem: true } => AccessScope.Everything,
            { IsAuthenticated: true, UserId: { } id } when _provider is not null => await _provider.GetScopeAsync(id, cancellationToken),
            _ => AccessScope.Nothing,
        };
        return _cached;
    }
}
