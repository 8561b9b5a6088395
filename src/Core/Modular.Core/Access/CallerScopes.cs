using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Modular.Core.Access;

/// <summary>
/// How a host sets the caller: begin a lifetime scope with it, then resolve the mediator (and anything else) from that
/// scope. Every request sent in the scope is checked, scoped and audited as that caller.
/// </summary>
public static class CallerScopes
{
    /// <summary>A child scope in which <see cref="ICurrentUser"/> is <paramref name="caller"/>.</summary>
    public static ILifetimeScope BeginCallerScope(this ILifetimeScope scope, ICurrentUser caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return scope.BeginLifetimeScope(b => b.RegisterInstance(caller).As<ICurrentUser>().ExternallyOwned());
    }

    /// <summary>The same from a host's service provider (the root Autofac scope behind it).</summary>
    public static ILifetimeScope BeginCallerScope(this IServiceProvider services, ICurrentUser caller) =>
        services.GetRequiredService<ILifetimeScope>().BeginCallerScope(caller);

    /// <summary>Sends one request in its own scope as <paramref name="caller"/>.</summary>
    public static async Task<TResponse> SendAsAsync<TResponse>(this ILifetimeScope scope, ICurrentUser caller, IRequest<TResponse> request,
        CancellationToken cancellationToken = default)
    {
        await using var callerScope = scope.BeginCallerScope(caller);
        return await callerScope.Resolve<IMediator>().Send(request, cancellationToken);
    }

    /// <summary>Sends one request in its own scope as <paramref name="caller"/>.</summary>
    public static Task<TResponse> SendAsAsync<TResponse>(this IServiceProvider services, ICurrentUser caller, IRequest<TResponse> request,
        CancellationToken cancellationToken = default) =>
        services.GetRequiredService<ILifetimeScope>().SendAsAsync(caller, request, cancellationToken);
}
