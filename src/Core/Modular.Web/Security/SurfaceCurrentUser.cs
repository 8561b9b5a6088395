using Modular.Core.Access;

namespace Modular.Web.Security;

/// <summary>
/// The caller as a surface that signs in its own way works it out from the request (the back office's staff, a kiosk's
/// session), else the caller of the registration it wraps (the portal's user, anonymous). Surfaces register theirs with
/// <see cref="Decorate"/>, in any order: each wraps the one before.
/// </summary>
public abstract class SurfaceCurrentUser(IHttpContextAccessor accessor, ICurrentUser inner) : ICurrentUser
{
    public CallerKind Kind => Current.Kind;

    public Channel Channel => Current.Channel;

    public Guid? UserId => Current.UserId;

    public Guid? StaffId => Current.StaffId;

    public Guid? CustomerId => Current.CustomerId;

    public IReadOnlyList<string> Roles => Current.Roles;

    public Guid? SessionId => Current.SessionId;

    public string? ClientAddress => Current.ClientAddress;

    public string? UserAgent => Current.UserAgent;

    public string? Culture => Current.Culture;

    private ICurrentUser Current => accessor.HttpContext is { } context && CallerOf(context) is { } caller ? caller : inner;

    /// <summary>
    /// Replaces the last registration of <see cref="ICurrentUser"/> with <paramref name="wrap"/> around it; a registration
    /// by type stays resolvable as that type.
    /// </summary>
    public static void Decorate(IServiceCollection services, Func<IServiceProvider, ICurrentUser, ICurrentUser> wrap, string missing)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(wrap);
        var shell = services.LastOrDefault(d => d.ServiceType == typeof(ICurrentUser) && !d.IsKeyedService)
            ?? throw new InvalidOperationException(missing);
        services.Remove(shell);
        Func<IServiceProvider, ICurrentUser> wrapped;
        switch (shell)
        {
            case { ImplementationType: { } type }:
                services.Add(new ServiceDescriptor(type, type, shell.Lifetime));
                wrapped = sp => (ICurrentUser)sp.GetRequiredService(type);
                break;
            case { ImplementationFactory: { } factory }:
                wrapped = sp => (ICurrentUser)factory(sp);
                break;
            case { ImplementationInstance: ICurrentUser instance }:
                wrapped = _ => instance;
                break;
            default:
                throw new InvalidOperationException("Unsupported registration of ICurrentUser.");
        }

        services.AddScoped(sp => wrap(sp, wrapped(sp)));
    }

    /// <summary>The surface's caller of this request, or null when the request is not the surface's.</summary>
    protected abstract ICurrentUser? CallerOf(HttpContext context);
}
