namespace Modular.Core.Access;

/// <summary>Who is calling. Hosts supply it (cookie or token user, kiosk session, system job).</summary>
public interface ICurrentUser
{
    /// <summary>The portal user's id, or null for anonymous callers and system jobs.</summary>
    Guid? UserId { get; }

    bool IsAuthenticated { get; }

    /// <summary>System jobs (worker, imports) and staff see everything.</summary>
    bool IsSystem { get; }

    /// <summary>The caller's preferred culture (ro, en, lv), when known.</summary>
    string? Culture { get; }
}

/// <summary>The customers and contracts a caller may see. <see cref="All"/> for system callers.</summary>
public sealed record AccessScope(bool All, IReadOnlySet<Guid> CustomerIds, IReadOnlySet<Guid> ContractIds)
{
    public static readonly AccessScope Everything = new(true, new HashSet<Guid>(), new HashSet<Guid>());
    public static readonly AccessScope Nothing = new(false, new HashSet<Guid>(), new HashSet<Guid>());

    public bool CanSeeCustomer(Guid customerId) => All || CustomerIds.Contains(customerId);

    public bool CanSeeContract(Guid contractId) => All || ContractIds.Contains(contractId);
}

/// <summary>Answers the current caller's <see cref="AccessScope"/>; modules use it to filter what they return.</summary>
public interface IAccessScope
{
    Task<AccessScope> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Implemented by the module that knows which user may see which customer (Accounts). Core calls it
/// once per request scope and caches the answer.
/// </summary>
public interface IAccessScopeProvider
{
    Task<AccessScope> GetScopeAsync(Guid userId, CancellationToken cancellationToken);
}
