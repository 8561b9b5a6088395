using MediatR;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using Modular.Core.Schedules;
using Modular.Core.Time;
using Modular.Notifications.Consumers;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using Modular.Notifications.Persistence;
using Modular.Readings.Contracts;

namespace Modular.Notifications.Reminders;

/// <summary>
/// Daily (09:00 in the utility's zone by default): "due soon" for unpaid invoices due within <see cref="NotificationsOptions.DueSoonDays"/>,
/// "overdue" for unpaid invoices past due by <see cref="NotificationsOptions.OverdueAfterDays"/> and still in their grace
/// period, and "window closes soon" for meters of an open window without a reading yet (Readings' <c>GetMetersForContract</c>)
/// within <see cref="NotificationsOptions.WindowClosingDays"/> of its end. Ranges rather than exact days, so a day the job did
/// not run is caught up; the subjects (<c>due-soon:{invoice}</c>, <c>overdue:{invoice}</c>, <c>window-closing:{period}:{contract}</c>)
/// make a second run – the same day or the next – queue nothing more. Each page of contracts commits on its own.
/// </summary>
internal sealed class RemindersJob(NotificationsDbContext db, IMediator mediator, INotificationQueue queue, UtilityClock clock, IOptions<NotificationsOptions> options)
    : IScheduledJob
{
    public const string Name = "NotificationsReminders";

    public const string DefaultCron = "0 9 * * *";

    public const int PageSize = 2_000;

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var settings = options.Value;
        int dueSoon = 0, overdue = 0, closing = 0;
        await foreach (var page in ContractPages.AllAsync(mediator, PageSize, cancellationToken))
        {
            var contracts = page.ToDictionary(c => c.ContractId);
            var intents = new List<NotificationIntent>();
            var invoices = await mediator.Send(new GetOpenInvoices(page.Select(c => c.CustomerId).Distinct().ToList()), cancellationToken);
            if (invoices.IsFailure)
            {
                return Result<string>.Failure(invoices.Error);
            }

            foreach (var invoice in invoices.Value.Where(i => i.Remaining.Amount > 0 && contracts.ContainsKey(i.ContractId)))
            {
                var about = NotificationQueue.About(contracts[invoice.ContractId]);
                var model = new Dictionary<string, object?>
                {
                    ["invoiceNumber"] = invoice.Number,
                    ["remaining"] = invoice.Remaining,
                    ["dueDate"] = invoice.DueDate,
                    ["graceDate"] = invoice.GraceDate,
                    ["about"] = about,
                };
                if (invoice.DueDate >= today && invoice.DueDate <= today.PlusDays(settings.DueSoonDays))
                {
                    intents.Add(new(NotificationTypes.DueSoon, invoice.CustomerId, $"due-soon:{invoice.InvoiceId}", "due-soon", model, invoice.ContractId));
                    dueSoon++;
                }
                else if (invoice.DueDate.PlusDays(settings.OverdueAfterDays) <= today && today <= invoice.GraceDate)
                {
                    intents.Add(new(NotificationTypes.Overdue, invoice.CustomerId, $"overdue:{invoice.InvoiceId}", "overdue", model, invoice.ContractId));
                    overdue++;
                }
            }

            var current = page.Where(c => c.EndDate is null || c.EndDate >= today).ToList();
            var meters = await mediator.Send(new GetMetersForContracts(current.Select(c => c.ContractId).ToList()), cancellationToken);
            if (meters.IsFailure)
            {
                return Result<string>.Failure(meters.Error);
            }

            var metersOf = meters.Value.ToLookup(m => m.ContractId);
            foreach (var contract in current)
            {
                var waiting = metersOf[contract.ContractId].Where(m => m.RemovedOn is null && m.SelfReadAllowed && m.Window.IsOpen && m.CurrentPeriodIndex is null
                    && today >= m.Window.ClosesOn.PlusDays(-settings.WindowClosingDays) && today <= m.Window.ClosesOn).ToList();
                if (waiting.Count == 0)
                {
                    continue;
                }

                var window = waiting[0].Window;
                intents.Add(new(NotificationTypes.WindowClosing, contract.CustomerId, $"window-closing:{window.Period:yyyy-MM}:{contract.ContractId}",
                    "window-closing",
                    new Dictionary<string, object?>
                    {
                        ["period"] = window.Period,
                        ["closesOn"] = window.ClosesOn,
                        ["meters"] = string.Join(", ", waiting.Select(m => m.Serial)),
                        ["about"] = NotificationQueue.About(contract),
                    },
                    contract.ContractId));
                closing++;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await queue.EnqueueManyAsync(intents, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return $"{dueSoon} due soon, {overdue} overdue, {closing} window closing considered.";
    }
}
