using MediatR;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Results;

namespace Modular.Billing.EInvoices.Download;

/// <summary>Answers from the options, so UI packages need not know Billing's configuration.</summary>
internal sealed class GetEInvoicesEnabledHandler(IOptions<BillingOptions> options) : IRequestHandler<GetEInvoicesEnabled, Result<bool>>
{
    public Task<Result<bool>> Handle(GetEInvoicesEnabled request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success(options.Value.EInvoice.Enabled));
}
