using MediatR;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Results;

namespace Modular.Billing.IssuerData;

/// <summary>One source for the issuer printed on documents: Payments' receipts name the same utility as the invoices.</summary>
internal sealed class GetIssuerHandler(IOptions<BillingOptions> options) : IRequestHandler<GetIssuer, Result<Issuer>>
{
    public Task<Result<Issuer>> Handle(GetIssuer request, CancellationToken cancellationToken) =>
        Task.FromResult<Result<Issuer>>(new Issuer(options.Value.IssuerName, options.Value.IssuerTaxId, options.Value.IssuerAddress));
}
