using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Modular.Core.Access;

namespace Modular.Kiosks.Web.Kiosk;

/// <summary>
/// The caller of a kiosk page: <see cref="Caller.KioskSession"/> of the customer found in the request's kiosk session (in
/// its language, with the session id), else whatever the shell's adapter says (anonymous at the start screen). Wraps the
/// shell's registration like the back office's adapter does.
/// </summary>
internal sealed class KioskCurrentUser(IHttpContextAccessor accessor, ICurrentUser inner) : ICurrentUser
{
    private ICurrentUser Current
    {
        get
        {
            var context = accessor.HttpContext;
            if (context is null || !KioskHttp.IsKioskPath(context.Request.Path) || KioskHttp.Current(context) is not { CustomerId: { } customerId } session)
            {
                return inner;
            }

            return Caller.KioskSession(customerId, session.Culture).InSession(session.Id)
                .From(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());
        }
    }

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

    /// <summary>Wraps the current registration of <see cref="ICurrentUser"/> (the shell's, or a decorator of it).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var shell = services.LastOrDefault(d => d.ServiceType == typeof(ICurrentUser) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("The kiosk screens need the web shell's current user (add .AddWeb() first).");
        services.Remove(shell);
        services.AddScoped<ICurrentUser>(sp => new KioskCurrentUser(sp.GetRequiredService<IHttpContextAccessor>(), Resolve(sp, shell)));
    }

    private static ICurrentUser Resolve(IServiceProvider services, ServiceDescriptor shell) => shell switch
    {
        { ImplementationFactory: { } factory } => (ICurrentUser)factory(services),
        { ImplementationInstance: ICurrentUser instance } => instance,
        { ImplementationType: { } type } => (ICurrentUser)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException("Unsupported registration of ICurrentUser."),
    };
}
