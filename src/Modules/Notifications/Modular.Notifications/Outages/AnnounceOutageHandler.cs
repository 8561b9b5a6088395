using MediatR;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;

namespace Modular.Notifications.Outages;

/// <summary>
/// Records an outage (update 0) and publishes <see cref="OutageAnnounced"/> in the same transaction; the premises of its area
/// are matched and their users told by <see cref="OutageAnnouncedConsumer"/>. Core audits the staff command.
/// </summary>
internal sealed class AnnounceOutageHandler(NotificationsDbContext db, ICurrentUser user, UtilityClock clock) : IRequestHandler<AnnounceOutage, Result<OutageAnnouncement>>
{
    public async Task<Result<OutageAnnouncement>> Handle(AnnounceOutage request, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var id = Guid.CreateVersion7();
        var streets = request.Streets ?? [];
        var outage = new Outage
        {
            Id = id,
            Number = OutageNumbers.For(id, clock.Today),
            Kind = request.Kind,
            Services = request.Services,
            Start = request.Start,
            ExpectedEnd = request.ExpectedEnd,
            TextRo = request.Texts.Ro.Trim(),
            TextEn = request.Texts.En.Trim(),
            TextLv = request.Texts.Lv.Trim(),
            StreetsJson = OutageRules.WriteStreets(streets),
            AreaGeoJson = string.IsNullOrWhiteSpace(request.AreaGeoJson) ? null : request.AreaGeoJson.Trim(),
            Localities = OutageRules.Localities(streets),
            CreatedAt = now,
            CreatedBy = user.StaffId,
            UpdatedAt = now,
        };
        db.Outages.Add(outage);
        db.OutageUpdates.Add(OutageSteps.Record(outage, OutageStep.Announced, now, user.StaffId));
        db.Publish(new OutageAnnounced(Guid.CreateVersion7(), now, id, outage.Number, outage.Kind, outage.Services, outage.Start, outage.ExpectedEnd));
        await db.SaveChangesAsync(cancellationToken);
        return new OutageAnnouncement(id, outage.Number);
    }
}

internal static class OutageNumbers
{
    /// <summary><c>AV-20261202-3F9A1C</c>: the utility's day and the id's random tail (a Version 7 id's head is its time).</summary>
    public static string For(Guid id, NodaTime.LocalDate today) =>
        $"AV-{today:yyyyMMdd}-{id.ToString("N")[^6..].ToUpperInvariant()}";
}

internal static class OutageSteps
{
    public static OutageUpdate Record(Outage outage, OutageStep step, NodaTime.Instant at, Guid? staffId) => new()
    {
        Id = Guid.CreateVersion7(),
        OutageId = outage.Id,
        Number = outage.Updates,
        Step = step,
        At = at,
        ExpectedEnd = outage.ExpectedEnd,
        TextRo = outage.TextRo,
        TextEn = outage.TextEn,
        TextLv = outage.TextLv,
        StaffId = staffId,
    };
}
