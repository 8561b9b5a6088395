using Modular.Core.PersonalData;
using Modular.Web.Security;

namespace Modular.Web.PersonalData;

/// <summary>A closing account's API tokens are revoked with the closure, so a script holding one is refused at once.</summary>
internal sealed class AccessTokensEraser(AccessTokenService tokens) : IUserDataEraser
{
    public async Task<string> EraseUserAsync(Guid userId, CancellationToken cancellationToken) =>
        $"{await tokens.RevokeAllAsync(userId, cancellationToken)} API tokens revoked";
}
