namespace Modular.Core.Access;

/// <summary>
/// Who is calling, as the host established it: what kind of caller, through which channel, from where. Hosts supply it
/// per scope (see <see cref="Caller"/> for the standard value); modules read the channel and identities from it, never
/// from request fields.
/// </summary>
public interface ICurrentUser
{
    CallerKind Kind { get; }

    /// <summary>The channel the request came through (portal, API token, kiosk, counter, staff, import, system).</summary>
    Channel Channel { get; }

    /// <summary>The portal user's id (<see cref="CallerKind.Customer"/>), else null.</summary>
    Guid? UserId { get; }

    /// <summary>The staff member's id (<see cref="CallerKind.Staff"/>), else null.</summary>
    Guid? StaffId { get; }

    /// <summary>
    /// The one customer the caller is confined to: a kiosk session's customer, or the customer a staff member acts on
    /// behalf of. Null for portal users (they see their linked customers), staff acting for nobody and the system.
    /// </summary>
    Guid? CustomerId { get; }

    /// <summary>A staff member's roles (e.g. <c>cashier</c>); permissions come from them by configuration.</summary>
    IReadOnlyList<string> Roles { get; }

    /// <summary>The server-side session the request belongs to, when it came through one.</summary>
    Guid? SessionId { get; }

    /// <summary>The client's network address as the host saw it (for the audit trail and sessions).</summary>
    string? ClientAddress { get; }

    /// <summary>The client's user agent, when the channel has one (for sessions).</summary>
    string? UserAgent { get; }

    /// <summary>The caller's preferred culture (ro, en, lv), when known.</summary>
    string? Culture { get; }

    bool IsAuthenticated => Kind != CallerKind.Anonymous;
}

/// <summary>The kinds of caller a request may come from.</summary>
public enum CallerKind
{
    /// <summary>Nobody signed in (registration, log-in, links from emails).</summary>
    Anonymous,

    /// <summary>A portal user, through a session or a personal access token.</summary>
    Customer,

    /// <summary>One customer found at a kiosk (by an invoice barcode or a client code); allowed only what a kiosk offers.</summary>
    KioskSession,

    /// <summary>A member of the utility's staff, with roles; possibly acting on behalf of one customer.</summary>
    Staff,

    /// <summary>Jobs, imports, the outbox dispatcher: sees everything.</summary>
    System,
}

/// <summary>Where a request came from. It comes with the caller, so a module never trusts a request field for it.</summary>
public enum Channel
{
    Portal,
    ApiToken,
    Kiosk,
    Counter,
    Staff,
    Import,
    System,
}

/// <summary>The customers and contracts a caller may see. <see cref="All"/> for system callers and staff acting for nobody.</summary>
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
/// Implemented by the module that knows which user may see which customer (Accounts). Core calls it once per request
/// scope and caches the answer.
/// </summary>
public interface IAccessScopeProvider
{
    /// <summary>What a portal user may see: their linked customers and those customers' contracts.</summary>
    Task<AccessScope> GetScopeAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>One customer and its contracts (a kiosk session, or staff acting on the customer's behalf).</summary>
    Task<AccessScope> GetCustomerScopeAsync(Guid customerId, CancellationToken cancellationToken);
}
