using MediatR;
using Modular.Accounts.Contracts;
using Modular.Core.Outbox;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using Modular.Notifications.Persistence;
using Modular.Readings.Contracts;

namespace Modular.Notifications.Consumers;

/// <summary>
/// The self-reading window opened: every contract's users are told, one message per contract (it names the contract and its
/// address), written a page of contracts at a time through the queue's bulk path. The inbox makes a redelivery do nothing;
/// the subject <c>window:{period}:{contract}</c> makes even a second event for the same period queue nothing more.
/// </summary>
internal sealed class WindowOpenedConsumer(NotificationsDbContext db, UtilityClock clock, INotificationQueue queue, IMediator mediator)
    : InboxEventHandler<ReadingWindowOpened, NotificationsDbContext>(db, clock.Clock)
{
    public const int PageSize = 5_000;

    protected override string ConsumerName => "notifications.window-opened";

    protected override async Task HandleCoreAsync(ReadingWindowOpened opened, CancellationToken cancellationToken)
    {
        await foreach (var page in ContractPages.AllAsync(mediator, PageSize, cancellationToken))
        {
            var intents = page.Where(c => c.EndDate is null || c.EndDate >= opened.OpensOn)
                .Select(c => WindowOpens(opened, c)).ToList();
            await queue.EnqueueManyAsync(intents, cancellationToken);
        }
    }

    public static NotificationIntent WindowOpens(ReadingWindowOpened opened, ContractSummary contract) =>
        new(NotificationTypes.WindowOpens, contract.CustomerId, $"window:{opened.Period:yyyy-MM}:{contract.ContractId}", "window-opens",
            new Dictionary<string, object?>
            {
                ["period"] = opened.Period,
                ["opensOn"] = opened.OpensOn,
                ["closesOn"] = opened.ClosesOn,
                ["about"] = NotificationQueue.About(contract),
            },
            ContractId: contract.ContractId);
}

/// <summary>Every contract, a page at a time, through Accounts' keyset-paged <c>ListContracts</c> (system caller).</summary>
internal static class ContractPages
{
    public static async IAsyncEnumerable<IReadOnlyList<ContractSummary>> AllAsync(IMediator mediator, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var page = await mediator.Send(new ListContracts(after, pageSize), cancellationToken);
            if (page.IsFailure)
            {
                throw new InvalidOperationException($"Contracts unavailable: {page.Error}");
            }

            if (page.Value.Count == 0)
            {
                yield break;
            }

            yield return page.Value;
            if (page.Value.Count < pageSize)
            {
                yield break;
            }

            after = page.Value[^1].ContractId;
        }
    }
}
