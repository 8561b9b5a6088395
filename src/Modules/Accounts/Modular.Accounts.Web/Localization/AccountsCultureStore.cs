using MediatR;
using Modular.Accounts.Contracts;
using Modular.Web.Localization;

namespace Modular.Accounts.Web.Localization;

/// <summary>Saves the signed-in user's language in their Accounts profile (keeping their phone).</summary>
internal sealed class AccountsCultureStore(IMediator mediator) : IPreferredCultureStore
{
    public async Task SaveAsync(string culture, CancellationToken cancellationToken)
    {
        var profile = await mediator.Send(new GetProfile(), cancellationToken);
        if (profile.IsSuccess)
        {
            await mediator.Send(new UpdateProfile(profile.Value.Phone, culture), cancellationToken);
        }
    }
}
