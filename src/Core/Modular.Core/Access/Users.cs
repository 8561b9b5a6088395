namespace Modular.Core.Access;

/// <summary>The system caller (jobs, imports, the outbox dispatcher): <see cref="Caller.System"/>.</summary>
public static class SystemUser
{
    public static Caller Instance => Caller.System;
}

/// <summary>Nobody signed in: <see cref="Caller.Anonymous"/>. The default until a host says otherwise.</summary>
public static class AnonymousUser
{
    public static Caller Instance => Caller.Anonymous;
}
