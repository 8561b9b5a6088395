using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Core.Outbox;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Notifications.Leaks;

/// <summary>
/// Watches every accepted reading (Readings' <see cref="ReadingAccepted"/>) for a possible leak: the contract's actual
/// readings of the last <see cref="HistoryDays"/> days (Readings' <see cref="GetReadingHistory"/>, accepted ones only: a
/// meter's superseded revisions stay in its history and would make every reading cost more; estimates are not samples) go through <see cref="LeakDetector"/> with the utility's thresholds. A high or steady verdict with no open
/// episode opens one and warns the customer's users once (type <c>high-usage</c>, subject <c>leak:{episodeId}</c>); the
/// first reading back within the usual use closes it, so the next rise is a new episode. An event about a reading that is no
/// longer the contract's latest actual one (a late delivery, a superseded revision) is judged on the latest.
/// </summary>
internal sealed class LeakWatchConsumer(NotificationsDbContext db, IClock clock, IMediator mediator, INotificationQueue queue,
    IOptions<NotificationsOptions> options) : InboxEventHandler<ReadingAccepted, NotificationsDbContext>(db, clock)
{
    public const int HistoryDays = 3 * 366;

    public const string Template = "high-usage";

    private readonly IClock _clock = clock;

    protected override string ConsumerName => "notifications.leak-watch";

    /// <summary>
    /// Each event is judged on its contract's latest actual reading, whichever reading it names, so a batch's events of one
    /// contract would all reach the same verdict on the same history: each contract is judged once, as its latest reading's
    /// event would be. Under a burst of submissions (a backlog of events) that is one history read per contract, not per event.
    /// </summary>
    protected override Task HandleBatchCoreAsync(IReadOnlyList<ReadingAccepted> events, CancellationToken cancellationToken) =>
        base.HandleBatchCoreAsync(events.Where(e => e.Source != nameof(ReadingSource.UtilityEstimate))
            .GroupBy(e => e.ContractId)
            .Select(g => g.MaxBy(e => e.ReadingDate)!)
            .ToList(), cancellationToken);

    protected override async Task HandleCoreAsync(ReadingAccepted integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.Source == nameof(ReadingSource.UtilityEstimate))
        {
            return;
        }

        var history = await mediator.Send(new GetReadingHistory(null, integrationEvent.ContractId, integrationEvent.ReadingDate.PlusDays(-HistoryDays),
            Status: ReadingStatus.Accepted), cancellationToken);
        if (history.IsFailure)
        {
            throw new InvalidOperationException($"Reading history of contract {integrationEvent.ContractId} unavailable: {history.Error}");
        }

        var actual = history.Value.Where(r => r.Status == ReadingStatus.Accepted && r.Quality == ReadingQuality.Actual).ToList();
        if (actual.Count == 0)
        {
            return;
        }

        var latest = actual.MaxBy(r => (r.ReadingDate, r.SubmittedAt))!;
        var verdict = LeakDetector.Evaluate(actual.Select(r => new LeakSample(r.MeterId, r.ReadingDate, r.Consumption)).ToList(), Thresholds(options.Value));
        var open = await Db.LeakEpisodes.SingleOrDefaultAsync(e => e.ContractId == integrationEvent.ContractId && e.ClosedOn == null, cancellationToken);
        if (open is not null)
        {
            if (verdict.Signal == LeakSignal.Normal && verdict.Until == latest.ReadingDate && latest.ReadingDate > open.OpenedOn)
            {
                open.ClosedOn = latest.ReadingDate;
                open.ClosedByReading = latest.ReadingId;
            }

            return;
        }

        if (verdict.Signal is not (LeakSignal.High or LeakSignal.Steady) || verdict.Until != latest.ReadingDate)
        {
            return;
        }

        if (await Db.LeakEpisodes.AnyAsync(e => e.ContractId == integrationEvent.ContractId && e.OpenedByReading == latest.ReadingId, cancellationToken))
        {
            // This very reading already opened an episode that a later one closed.
            return;
        }

        var contract = await mediator.Send(new GetContract(integrationEvent.ContractId), cancellationToken);
        if (contract.IsFailure)
        {
            return;
        }

        var episode = new LeakEpisode
        {
            Id = Guid.CreateVersion7(),
            ContractId = integrationEvent.ContractId,
            CustomerId = contract.Value.CustomerId,
            Signal = verdict.Signal,
            Since = verdict.Since!.Value,
            OpenedOn = latest.ReadingDate,
            OpenedByReading = latest.ReadingId,
            LitresPerDay = Math.Round(verdict.LitresPerDay),
            UsualLitresPerDay = Math.Round(verdict.UsualLitresPerDay),
            CreatedAt = _clock.GetCurrentInstant(),
        };
        Db.LeakEpisodes.Add(episode);
        var model = new Dictionary<string, object?>
        {
            ["steady"] = verdict.Signal == LeakSignal.Steady,
            ["since"] = episode.Since,
            ["until"] = episode.OpenedOn,
            ["litres_per_day"] = (decimal)episode.LitresPerDay,
            ["usual_litres_per_day"] = (decimal)episode.UsualLitresPerDay,
            ["serial"] = latest.Serial,
        };
        await queue.EnqueueAsync(new NotificationIntent(NotificationTypes.HighUsage, contract.Value.CustomerId, $"leak:{episode.Id:N}", Template, model,
            integrationEvent.ContractId), cancellationToken);
    }

    public static LeakThresholds Thresholds(NotificationsOptions o) => new(o.LeakFactor, o.LeakMinimumExcessLitresPerDay, o.LeakSteadyReadings,
        o.LeakSteadyFactor, o.LeakSteadyMinimumExcessLitresPerDay, o.LeakSteadyTolerance, o.LeakNormalFactor, o.LeakMinimumDays, o.LeakSeasonDays,
        o.LeakMinimumHistory);
}
