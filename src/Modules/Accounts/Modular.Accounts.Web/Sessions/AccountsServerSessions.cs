using MediatR;
using Modular.Accounts.Contracts;
using Modular.Web.Security;

namespace Modular.Accounts.Web.Sessions;

/// <summary>The portal cookie's server-side session, checked and ended through Accounts' requests.</summary>
internal sealed class AccountsServerSessions(IMediator mediator) : IServerSessions
{
    public async Task<bool> IsActiveAsync(Guid sessionId, string secret, Guid userId, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ValidateSession(secret), cancellationToken);
        // The secret must belong to the session and the user the cookie names (it always does unless the cookie was forged).
        return result.IsSuccess && result.Value.SessionId == sessionId && result.Value.Kind == SessionKind.Customer && result.Value.PrincipalId == userId;
    }

    public async Task EndCurrentAsync(CancellationToken cancellationToken) => await mediator.Send(new LogOut(), cancellationToken);
}
