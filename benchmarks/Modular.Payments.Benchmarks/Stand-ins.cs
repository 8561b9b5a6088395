using MediatR;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Composition;
using Modular.Core.Results;

namespace Modular.Payments.Benchmarks;

/// <summary>Billing and Accounts stand-ins answering from memory, so the figures measure Payments, not its neighbours.</summary>
internal sealed class StandInModule(string name) : ModularModule
{
    public override string Name => name;
}

internal sealed class StandInHandlers :
    IRequestHandler<FindInvoiceByNumber, Result<InvoiceSummary>>,
    IRequestHandler<FindCustomerByClientCode, Result<CustomerSummary>>
{
    public Task<Result<InvoiceSummary>> Handle(FindInvoiceByNumber request, CancellationToken cancellationToken) =>
        Task.FromResult(Result<InvoiceSummary>.Failure(CoreErrors.NotFound));

    public Task<Result<CustomerSummary>> Handle(FindCustomerByClientCode request, CancellationToken cancellationToken) =>
        Task.FromResult(Generated.Customers.TryGetValue(request.ClientCode, out var customer)
            ? (Result<CustomerSummary>)customer
            : Result<CustomerSummary>.Failure(CoreErrors.NotFound));
}
