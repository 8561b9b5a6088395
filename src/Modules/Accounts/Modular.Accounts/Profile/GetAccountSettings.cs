using MediatR;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Core.Results;

namespace Modular.Accounts.Profile;

internal sealed class GetAccountSettingsHandler(IOptions<AccountsOptions> options) : IRequestHandler<GetAccountSettings, Result<AccountSettings>>
{
    public Task<Result<AccountSettings>> Handle(GetAccountSettings request, CancellationToken cancellationToken)
    {
        var o = options.Value;
        return Task.FromResult<Result<AccountSettings>>(
            new AccountSettings(o.RegistrationProof == RegistrationProof.ContractNumber, o.TermsVersion, o.InvoiceConditionsVersion, o.PasswordRegistration));
    }
}
