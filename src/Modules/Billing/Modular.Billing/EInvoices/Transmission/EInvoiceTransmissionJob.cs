using MediatR;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using Modular.Core.Schedules;

namespace Modular.Billing.EInvoices.Transmission;

/// <summary>
/// The scheduled transmission: uploads the documents due (<see cref="TransmitEInvoices"/>), then asks the authority about
/// those uploaded (<see cref="PollEInvoiceTransmissions"/>). Nothing to do while e-invoices or their transmission are off.
/// </summary>
internal sealed class EInvoiceTransmissionJob(IMediator mediator, IOptions<BillingOptions> options) : IScheduledJob
{
    public const string Name = "BillingEInvoiceTransmission";

    /// <summary>Every five minutes: the authority answers within minutes to hours, and each call handles one batch.</summary>
    public const string DefaultCron = "*/5 * * * *";

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        if (!TransmissionQueues.On(options.Value))
        {
            return "E-invoice transmission is off.";
        }

        var uploaded = await mediator.Send(new TransmitEInvoices(), cancellationToken);
        if (uploaded.IsFailure)
        {
            return Result<string>.From(uploaded);
        }

        var polled = await mediator.Send(new PollEInvoiceTransmissions(), cancellationToken);
        return polled.IsSuccess
            ? $"{uploaded.Value} document(s) uploaded, {polled.Value} answer(s) received."
            : Result<string>.From(polled);
    }
}
