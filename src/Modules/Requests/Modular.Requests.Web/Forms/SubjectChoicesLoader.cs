using MediatR;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Readings.Contracts;
using Modular.Web.Localization;

namespace Modular.Requests.Web.Forms;

/// <summary>The caller's contracts, meters and invoices for a form's pickers (what the caller cannot see is simply not offered).</summary>
public sealed class SubjectChoicesLoader(IMediator mediator)
{
    public async Task<SubjectChoices> LoadAsync(CancellationToken cancellationToken)
    {
        var contracts = await mediator.Send(new GetMyContracts(), cancellationToken);
        var meters = await mediator.Send(new GetMyMeters(), cancellationToken);
        var invoices = await mediator.Send(new GetInvoices(), cancellationToken);
        var numbers = contracts.IsSuccess ? contracts.Value.ToDictionary(c => c.ContractId, c => c.ContractNumber) : [];
        return new SubjectChoices(
            contracts.IsSuccess ? contracts.Value.Select(c => (c.ContractId, $"{c.ContractNumber} · {c.ServiceAddress}")).ToList() : [],
            meters.IsSuccess
                ? meters.Value.Where(m => m.RemovedOn is null)
                    .Select(m => (m.MeterId, numbers.TryGetValue(m.ContractId, out var n) ? $"{m.Serial} · {n}" : m.Serial)).ToList()
                : [],
            invoices.IsSuccess
                ? invoices.Value.Take(24).Select(i => (i.InvoiceId, $"{i.Number} · {Formats.Period(i.Period)} · {Formats.Money(i.Total)}")).ToList()
                : []);
    }
}
