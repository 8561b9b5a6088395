using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Outbox;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using NodaTime;

namespace Modular.Notifications.Outages;

/// <summary>
/// Finds the premises of an outage's area without a hand-made list: pages through Accounts' premises (address parts and
/// coordinates, <see cref="ListPremises"/>) and keeps those a street range or the polygon covers and whose contract is
/// connected to an affected service and not ended. Matched once per outage (its area never changes), kept in
/// <c>outage_premises</c> for the notices, the dashboard and the API.
/// </summary>
internal sealed class OutageMatcher(NotificationsDbContext db, IMediator mediator, UtilityClock clock)
{
    public const int PageSize = 5_000;

    public async Task EnsureMatchedAsync(Outage outage, CancellationToken cancellationToken)
    {
        if (outage.MatchedAt is not null)
        {
            return;
        }

        var streets = OutageRules.ReadStreets(outage.StreetsJson).Select(OutageRules.ToRange).ToList();
        var polygon = OutagePolygon.TryParse(outage.AreaGeoJson);
        var today = clock.Today;
        Guid? after = null;
        while (true)
        {
            var page = await mediator.Send(new ListPremises(after, PageSize), cancellationToken);
            if (page.IsFailure)
            {
                throw new InvalidOperationException($"Premises unavailable: {page.Error}");
            }

            foreach (var premises in page.Value)
            {
                if (Matches(premises, outage.Services, streets, polygon, today))
                {
                    db.OutagePremises.Add(new OutagePremises
                    {
                        OutageId = outage.Id,
                        ContractId = premises.ContractId,
                        CustomerId = premises.CustomerId,
                        ContractNumber = premises.ContractNumber,
                        Address = premises.ServiceAddress,
                    });
                }
            }

            if (page.Value.Count < PageSize)
            {
                break;
            }

            after = page.Value[^1].ContractId;
        }

        outage.MatchedAt = clock.Now;
    }

    public static bool Matches(PremisesView premises, OutageServices services, IReadOnlyList<StreetRange> streets, OutagePolygon? polygon, LocalDate today)
    {
        if (premises.EndDate is { } end && end < today)
        {
            return false;
        }

        var connected = (services.HasFlag(OutageServices.Water) && premises.Services.HasFlag(ConnectedServices.Water))
            || (services.HasFlag(OutageServices.Sewerage) && premises.Services.HasFlag(ConnectedServices.Sewerage));
        if (!connected)
        {
            return false;
        }

        return streets.Any(s => s.Covers(premises.Locality, premises.Street, premises.HouseNumber))
            || (polygon is not null && premises.Latitude is { } lat && premises.Longitude is { } lon && polygon.Covers(lat, lon));
    }
}

/// <summary>
/// Tells the users of every matched premises about one step of an outage through the module's queue: type <c>outage</c>,
/// subject <c>outage:{id}:update:{n}</c> (so each step is one message per user and channel, whatever is redelivered). A
/// message names every affected address its reader is linked to: a user of two affected customers gets one message with
/// both, not one that names only the first.
/// </summary>
internal sealed class OutageNotifier(NotificationsDbContext db, OutageMatcher matcher, INotificationQueue queue, IMediator mediator)
{
    public const string Template = "outage";

    /// <summary>Customers whose users are asked of Accounts at once.</summary>
    private const int CustomerChunk = 5_000;

    public async Task NotifyAsync(Guid outageId, int update, CancellationToken cancellationToken)
    {
        var outage = await db.Outages.SingleOrDefaultAsync(o => o.Id == outageId, cancellationToken);
        if (outage is null)
        {
            return;
        }

        await matcher.EnsureMatchedAsync(outage, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var step = await db.OutageUpdates.AsNoTracking().SingleOrDefaultAsync(u => u.OutageId == outageId && u.Number == update, cancellationToken);
        if (step is null)
        {
            return;
        }

        var premises = (await db.OutagePremises.AsNoTracking().Where(p => p.OutageId == outageId).ToListAsync(cancellationToken))
            .ToLookup(p => p.CustomerId);
        var usersOf = await UsersAsync(premises.Select(p => p.Key).ToList(), cancellationToken);
        var intents = usersOf.Select(user =>
        {
            var addresses = user.Customers.SelectMany(c => premises[c]).OrderBy(p => p.ContractNumber, StringComparer.Ordinal).ToList();
            var about = string.Join("; ", addresses.Select(p => $"{p.ContractNumber} · {p.Address}"));
            var model = new Dictionary<string, object?>
            {
                ["about"] = about,
                ["addresses"] = about,
                ["number"] = outage.Number,
                ["planned"] = outage.Kind == OutageKind.Planned,
                ["step"] = step.Step.ToString().ToLowerInvariant(),
                ["update"] = step.Number,
                ["water"] = outage.Services.HasFlag(OutageServices.Water),
                ["sewerage"] = outage.Services.HasFlag(OutageServices.Sewerage),
                ["start"] = outage.Start,
                ["expected_end"] = step.ExpectedEnd,
                ["restored_at"] = step.Step == OutageStep.Ended ? outage.RestoredAt : null,
                ["text_ro"] = step.TextRo,
                ["text_en"] = step.TextEn,
                ["text_lv"] = step.TextLv,
            };
            return new NotificationIntent(NotificationTypes.Outage, addresses[0].CustomerId, $"outage:{outage.Id:N}:update:{step.Number}", Template, model,
                addresses[0].ContractId, UserIds: [user.UserId]);
        }).ToList();
        await queue.EnqueueManyAsync(intents, cancellationToken);
    }

    /// <summary>Each user of the affected customers, with the affected customers they are linked to (in a stable order).</summary>
    private async Task<List<(Guid UserId, List<Guid> Customers)>> UsersAsync(IReadOnlyList<Guid> customerIds, CancellationToken cancellationToken)
    {
        var customersOf = new Dictionary<Guid, List<Guid>>();
        foreach (var chunk in customerIds.Chunk(CustomerChunk))
        {
            var found = await mediator.Send(new GetContactsOfCustomers(chunk), cancellationToken);
            if (found.IsFailure)
            {
                // Thrown, so the event's delivery is retried rather than losing its messages.
                throw new InvalidOperationException($"Contacts of {chunk.Length} customer(s) unavailable: {found.Error}");
            }

            foreach (var contact in found.Value)
            {
                if (!customersOf.TryGetValue(contact.UserId, out var customers))
                {
                    customersOf[contact.UserId] = customers = [];
                }

                customers.Add(contact.CustomerId);
            }
        }

        return customersOf.Select(u => (u.Key, u.Value.Distinct().Order().ToList())).ToList();
    }
}

/// <summary>An announced outage: match its area and tell the users (update 0).</summary>
internal sealed class OutageAnnouncedConsumer(NotificationsDbContext db, IClock clock, OutageNotifier notifier)
    : InboxEventHandler<OutageAnnounced, NotificationsDbContext>(db, clock)
{
    protected override string ConsumerName => "notifications.outage-announced";

    protected override Task HandleCoreAsync(OutageAnnounced integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(integrationEvent.OutageId, 0, cancellationToken);
}

/// <summary>An outage's update: the same users are told once more.</summary>
internal sealed class OutageUpdatedConsumer(NotificationsDbContext db, IClock clock, OutageNotifier notifier)
    : InboxEventHandler<OutageUpdated, NotificationsDbContext>(db, clock)
{
    protected override string ConsumerName => "notifications.outage-updated";

    protected override Task HandleCoreAsync(OutageUpdated integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(integrationEvent.OutageId, integrationEvent.Update, cancellationToken);
}

/// <summary>An outage's end: the restoration message.</summary>
internal sealed class OutageEndedConsumer(NotificationsDbContext db, IClock clock, OutageNotifier notifier)
    : InboxEventHandler<OutageEnded, NotificationsDbContext>(db, clock)
{
    protected override string ConsumerName => "notifications.outage-ended";

    protected override Task HandleCoreAsync(OutageEnded integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(integrationEvent.OutageId, integrationEvent.Update, cancellationToken);
}
