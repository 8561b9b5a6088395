using MediatR;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using Modular.Core.Schedules;

namespace Modular.Billing.Invoices;

/// <summary>The scheduled <see cref="MarkOverdueInvoices"/>: an invoice becomes overdue the day after its due date.</summary>
internal sealed class MarkOverdueInvoicesJob(IMediator mediator) : IScheduledJob
{
    public const string Name = "BillingMarkOverdue";

    /// <summary>Every night at 00:30 in the utility's zone, early on the first day an invoice is overdue.</summary>
    public const string DefaultCron = "30 0 * * *";

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var marked = await mediator.Send(new MarkOverdueInvoices(), cancellationToken);
        return marked.IsSuccess ? $"{marked.Value} invoice(s) became overdue." : Result<string>.From(marked);
    }
}
