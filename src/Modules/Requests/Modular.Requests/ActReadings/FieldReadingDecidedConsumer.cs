using Microsoft.EntityFrameworkCore;
using Modular.Core.Outbox;
using Modular.Readings.Contracts;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;
using NodaTime;

namespace Modular.Requests.ActReadings;

/// <summary>
/// Keeps, on each act's reading, what Readings made of it (<see cref="FieldReadingDecided"/> with reference <c>act:{id}</c>):
/// recorded, or refused with Readings' code, shown on the back office's act page and list. Other references are not acts'.
/// </summary>
internal sealed class FieldReadingDecidedConsumer(RequestsDbContext db, IClock clock) : InboxEventHandler<FieldReadingDecided, RequestsDbContext>(db, clock)
{
    private const string Prefix = "act:";

    protected override string ConsumerName => "requests.act-readings";

    protected override async Task HandleCoreAsync(FieldReadingDecided integrationEvent, CancellationToken cancellationToken)
    {
        if (!integrationEvent.Reference.StartsWith(Prefix, StringComparison.Ordinal) || !Guid.TryParse(integrationEvent.Reference[Prefix.Length..], out var actId))
        {
            return;
        }

        var readings = await Db.ActReadings.Where(r => r.ActId == actId && r.Serial == integrationEvent.Serial && r.Date == integrationEvent.ReadingDate)
            .ToListAsync(cancellationToken);
        foreach (var reading in readings.Where(r => r.Index == integrationEvent.Index))
        {
            reading.State = integrationEvent.RefusalCode is null ? ActReadingState.Recorded : ActReadingState.Refused;
            reading.RefusalCode = integrationEvent.RefusalCode;
            reading.DecidedAt = integrationEvent.OccurredAt;
        }
    }
}
