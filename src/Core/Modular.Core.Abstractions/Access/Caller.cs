namespace Modular.Core.Access;

/// <summary>
/// The standard <see cref="ICurrentUser"/>: an immutable description of one caller. Hosts build it once per request
/// (from a session, an access token, a kiosk session or a job) and begin the request's scope with it
/// (<c>root.BeginCallerScope(caller)</c> in Modular.Core).
/// </summary>
public sealed record Caller : ICurrentUser
{
    private Caller(CallerKind kind, Channel channel)
    {
        Kind = kind;
        Channel = channel;
    }

    /// <summary>Jobs, imports and the outbox dispatcher: sees everything.</summary>
    public static Caller System { get; } = new(CallerKind.System, Channel.System);

    /// <summary>Nobody signed in: sees nothing.</summary>
    public static Caller Anonymous { get; } = new(CallerKind.Anonymous, Channel.Portal);

    public CallerKind Kind { get; }

    public Channel Channel { get; init; }

    public Guid? UserId { get; private init; }

    public Guid? StaffId { get; private init; }

    public Guid? CustomerId { get; private init; }

    public IReadOnlyList<string> Roles { get; private init; } = [];

    public Guid? SessionId { get; init; }

    public string? ClientAddress { get; init; }

    public string? UserAgent { get; init; }

    public string? Culture { get; init; }

    /// <summary>A system caller on another channel (e.g. <see cref="Channel.Import"/> for file imports).</summary>
    public static Caller ForSystem(Channel channel) => new(CallerKind.System, channel);

    /// <summary>Nobody signed in, on a channel (the portal's log-in page, a kiosk before a customer is found).</summary>
    public static Caller AnonymousOn(Channel channel) => new(CallerKind.Anonymous, channel);

    /// <summary>A portal user, through the portal (a session) or <see cref="Channel.ApiToken"/>.</summary>
    public static Caller Customer(Guid userId, Channel channel = Channel.Portal, string? culture = null) =>
        new(CallerKind.Customer, channel) { UserId = userId, Culture = culture };

    /// <summary>A kiosk session for the one customer found at the kiosk.</summary>
    public static Caller KioskSession(Guid customerId, string? culture = null) =>
        new(CallerKind.KioskSession, Channel.Kiosk) { CustomerId = customerId, Culture = culture };

    /// <summary>A staff member with roles, in the back office (<see cref="Channel.Staff"/>) or at a counter (<see cref="Channel.Counter"/>).</summary>
    public static Caller Staff(Guid staffId, IEnumerable<string> roles, Channel channel = Channel.Staff, string? culture = null) =>
        new(CallerKind.Staff, channel) { StaffId = staffId, Roles = roles.ToArray(), Culture = culture };

    /// <summary>This staff member acting on behalf of one customer: both identities travel with every request.</summary>
    public Caller OnBehalfOf(Guid customerId) => Kind == CallerKind.Staff
        ? this with { CustomerId = customerId }
        : throw new InvalidOperationException("Only staff act on behalf of a customer.");

    /// <summary>The same caller inside a server-side session.</summary>
    public Caller InSession(Guid sessionId) => this with { SessionId = sessionId };

    /// <summary>The same caller with the client's address and user agent as the host saw them.</summary>
    public Caller From(string? clientAddress, string? userAgent = null) => this with { ClientAddress = clientAddress, UserAgent = userAgent };

    /// <summary>A copy of any <see cref="ICurrentUser"/> (e.g. a host's per-request adapter) as a value.</summary>
    public static Caller Of(ICurrentUser user) => user as Caller ?? new Caller(user.Kind, user.Channel)
    {
        UserId = user.UserId,
        StaffId = user.StaffId,
        CustomerId = user.CustomerId,
        Roles = user.Roles,
        SessionId = user.SessionId,
        ClientAddress = user.ClientAddress,
        UserAgent = user.UserAgent,
        Culture = user.Culture,
    };

    public override string ToString() => Kind switch
    {
        CallerKind.Customer => $"customer {UserId} via {Channel}",
        CallerKind.KioskSession => $"kiosk session for customer {CustomerId}",
        CallerKind.Staff when CustomerId is not null => $"staff {StaffId} for customer {CustomerId} via {Channel}",
        CallerKind.Staff => $"staff {StaffId} via {Channel}",
        _ => $"{Kind} via {Channel}",
    };
}
