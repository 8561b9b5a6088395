namespace Modular.Core.Access;

/// <summary>Background jobs and imports: sees everything.</summary>
public sealed class SystemUser : ICurrentUser
{
    public static readonly SystemUser Instance = new();

    public Guid? UserId => null;

    public bool IsAuthenticated => true;

    public bool IsSystem => true;

    public string? Culture => null;
}

/// <summary>A caller nobody has authenticated: sees nothing. The default until a host says otherwise.</summary>
public sealed class AnonymousUser : ICurrentUser
{
    public static readonly AnonymousUser Instance = new();

    public Guid? UserId => null;

    public bool IsAuthenticated => false;

    public bool IsSystem => false;

    public string? Culture => null;
}

/// <summary>A portal user known by id (hosts build it from the cookie or token).</summary>
public sealed record PortalUser(Guid Id, string? Culture = null) : ICurrentUser
{
    public Guid? UserId => Id;

    public bool IsAuthenticated => true;

    public bool IsSystem => false;
}
