using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Notifications.Contracts;
using Modular.Notifications.Persistence;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Outages;

/// <summary>
/// Outages end to end with the real Accounts module: the area matched to premises without a list (street ranges on the
/// service addresses, a polygon on the premises' coordinates), one message per user and step naming the address, updates,
/// the end, the portal's and the public view, bad input and concurrent edits.
/// </summary>
public abstract class OutagesTests(TestDatabase database) : IAsyncLifetime
{
    private const string Square = """{"type":"Polygon","coordinates":[[[23.36,45.40],[23.38,45.40],[23.38,45.42],[23.36,45.42],[23.36,45.40]]]}""";

    private OutagesHost _host = null!;

    public async Task InitializeAsync() => _host = await OutagesHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_street_range_reaches_the_premises_in_it_whatever_the_address_spelling_and_each_message_names_the_address()
    {
        var street = $"Strada Test {Guid.NewGuid():N}"[..24];
        var odd = await _host.PremisesAsync($"{street} nr. 7, Petroșani");
        var oddBlock = await _host.PremisesAsync($"Str. {street[7..]} nr. 13A, bl. 4, ap. 12, PETROSANI");
        var even = await _host.PremisesAsync($"{street} nr. 8, Petroșani");
        var outside = await _host.PremisesAsync($"{street} nr. 21, Petroșani");
        var otherTown = await _host.PremisesAsync($"{street} nr. 7, Lupeni");

        var outage = await _host.AnnounceAsync([new OutageStreet("Petroşani", street, 1, 15, HouseNumbers.Odd)]);

        foreach (var reached in new[] { odd, oddBlock })
        {
            var messages = await _host.MessagesAsync(reached);
            messages.Count.ShouldBe(1);
            messages[0].SubjectKey.ShouldBe($"outage:{outage.OutageId:N}:update:0");
            messages[0].ContractId.ShouldBe(reached.ContractId);
            Model(messages[0])["addresses"].ShouldBe($"{reached.ContractNumber} · {reached.Address}");
            messages[0].Template.ShouldBe("outage");
        }

        foreach (var missed in new[] { even, outside, otherTown })
        {
            (await _host.MessagesAsync(missed)).ShouldBeEmpty();
        }

        (await _host.SendAsync(new GetOutage(outage.OutageId))).Value.AffectedPremises.ShouldBe(2);
    }

    [DbFact]
    public async Task A_polygon_reaches_premises_by_their_coordinates_inside_or_on_the_edge_and_not_outside()
    {
        var inside = await _host.PremisesAsync("Strada Unirii nr. 3, Petroșani", 45.41, 23.37);
        var edge = await _host.PremisesAsync("Strada Unirii nr. 5, Petroșani", 45.40, 23.37);
        var outside = await _host.PremisesAsync("Strada Unirii nr. 9, Petroșani", 45.43, 23.37);
        var noCoordinates = await _host.PremisesAsync("Strada Unirii nr. 11, Petroșani");

        await _host.AnnounceAsync([], Square);

        (await _host.MessagesAsync(inside)).Count.ShouldBe(1);
        (await _host.MessagesAsync(edge)).Count.ShouldBe(1);
        (await _host.MessagesAsync(outside)).ShouldBeEmpty();
        (await _host.MessagesAsync(noCoordinates)).ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_premises_in_two_outages_gets_a_message_for_each_and_sees_both_on_its_dashboard()
    {
        var street = $"Strada Doi {Guid.NewGuid():N}"[..22];
        var premises = await _host.PremisesAsync($"{street} nr. 4, Vulcan", 45.3795, 23.2741);

        var byStreet = await _host.AnnounceAsync([new OutageStreet("Vulcan", street)]);
        var byPolygon = await _host.AnnounceAsync([], """{"type":"Polygon","coordinates":[[[23.27,45.37],[23.28,45.37],[23.28,45.39],[23.27,45.39],[23.27,45.37]]]}""",
            OutageKind.Unplanned, OutageServices.Water | OutageServices.Sewerage);

        (await _host.MessagesAsync(premises)).Select(m => m.SubjectKey).Order().ShouldBe(
            new[] { $"outage:{byStreet.OutageId:N}:update:0", $"outage:{byPolygon.OutageId:N}:update:0" }.Order());
        var mine = (await _host.SendAsync(new GetMyOutages(), premises.User)).Value;
        mine.Select(o => o.Outage.OutageId).Order().ShouldBe(new[] { byStreet.OutageId, byPolygon.OutageId }.Order());
        mine.ShouldAllBe(o => o.Addresses.Single().Address == premises.Address);
    }

    [DbFact]
    public async Task A_user_of_two_customers_in_one_outage_gets_one_message_naming_both_addresses()
    {
        var street = $"Strada Patru {Guid.NewGuid():N}"[..24];
        var first = await _host.PremisesAsync($"{street} nr. 1, Giurgiu");
        var second = await _host.PremisesAsync($"{street} nr. 3, Giurgiu", email: first.Email);
        second.User.UserId.ShouldBe(first.User.UserId);

        await _host.AnnounceAsync([new OutageStreet("Giurgiu", street)]);

        var message = (await _host.MessagesAsync(first)).ShouldHaveSingleItem();
        message.Model.ShouldContain(first.ContractNumber);
        message.Model.ShouldContain(second.ContractNumber);
    }

    [DbFact]
    public async Task Each_update_is_one_more_message_per_user_and_the_end_is_the_restoration_message_even_when_events_come_again()
    {
        var street = $"Strada Trei {Guid.NewGuid():N}"[..23];
        var premises = await _host.PremisesAsync($"{street} nr. 2, Giurgiu");
        var outage = await _host.AnnounceAsync([new OutageStreet("Giurgiu", street)]);

        var version = await _host.VersionAsync(outage.OutageId);
        var updated = await _host.SendAsync(new UpdateOutage(outage.OutageId, version, OutagesHost.Local(2026, 12, 2, 20),
            new OutageTexts("Lucrările se prelungesc.", "The works take longer.", "Darbi ieilgst.")));
        updated.IsSuccess.ShouldBeTrue(updated.ToString());
        await _host.Host.DrainOutboxAsync();
        (await _host.MessagesAsync(premises)).Count.ShouldBe(2);

        _host.Host.Clock.Set(OutagesHost.Local(2026, 12, 2, 19));
        var ended = await _host.SendAsync(new EndOutage(outage.OutageId, updated.Value, OutagesHost.Local(2026, 12, 2, 18, 30)));
        ended.IsSuccess.ShouldBeTrue(ended.ToString());
        await _host.Host.DrainOutboxAsync();
        await _host.Host.DrainOutboxAsync();

        var messages = (await _host.MessagesAsync(premises)).OrderBy(m => m.SubjectKey, StringComparer.Ordinal).ToList();
        messages.Select(m => m.SubjectKey).ShouldBe([$"outage:{outage.OutageId:N}:update:0", $"outage:{outage.OutageId:N}:update:1",
            $"outage:{outage.OutageId:N}:update:2"]);
        Model(messages[1])["text_ro"].ShouldBe("Lucrările se prelungesc.");
        Model(messages[2])["step"].ShouldBe("ended");
        Model(messages[2])["restored_at"].ShouldBe(OutagesHost.Local(2026, 12, 2, 18, 30));
        messages.ShouldAllBe(m => ((string)Model(m)["about"]!).Contains(premises.Address));
        (await _host.SendAsync(new GetMyOutages(), premises.User)).Value.ShouldBeEmpty();
        (await _host.SendAsync(new EndOutage(outage.OutageId, ended.Value, OutagesHost.Local(2026, 12, 2, 18, 45)))).Error.Code.ShouldBe("outages.already_ended");
    }

    private static Dictionary<string, object?> Model(Domain.NotificationMessage message) => Modular.Notifications.Dispatch.ModelJson.Read(message.Model);

    [DbFact]
    public async Task Two_staff_editing_the_same_version_one_wins_and_the_other_is_told_it_changed_meanwhile()
    {
        var outage = await _host.AnnounceAsync([new OutageStreet("Uricani")]);
        var version = await _host.VersionAsync(outage.OutageId);
        var texts = new OutageTexts("Actualizare.", "Update.", "Atjauninājums.");

        var results = await Task.WhenAll(
            _host.SendAsync(new UpdateOutage(outage.OutageId, version, OutagesHost.Local(2026, 12, 2, 18), texts)),
            _host.SendAsync(new UpdateOutage(outage.OutageId, version, OutagesHost.Local(2026, 12, 2, 19), texts)));

        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Single(r => r.IsFailure).Error.Code.ShouldBe("outages.changed_meanwhile");
        var details = (await _host.SendAsync(new GetOutage(outage.OutageId))).Value;
        details.Outage.Updates.ShouldBe(1);
        details.History.Count.ShouldBe(2);
    }

    [DbFact]
    public async Task Bad_input_is_refused_with_its_code_and_localized_text_and_nothing_is_stored()
    {
        var start = OutagesHost.Local(2026, 12, 2, 8);
        var texts = new OutageTexts("Text.", "Text.", "Teksts.");
        var before = await _host.Host.WithContextAsync<NotificationsDbContext, int>(db => db.Outages.CountAsync());
        var endBeforeStart = await _host.SendAsync(new AnnounceOutage(OutageKind.Planned, OutageServices.Water, start, start.Plus(NodaTime.Duration.FromHours(-2)), texts,
            [new OutageStreet("Giurgiu")], null));
        var noArea = await _host.SendAsync(new AnnounceOutage(OutageKind.Planned, OutageServices.Water, start, start.Plus(NodaTime.Duration.FromHours(2)), texts, [], null));
        var badPolygon = await _host.SendAsync(new AnnounceOutage(OutageKind.Planned, OutageServices.Water, start, start.Plus(NodaTime.Duration.FromHours(2)), texts, [],
            """{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}"""));

        endBeforeStart.Error.Code.ShouldBe("outages.end_before_start");
        endBeforeStart.Error.Field.ShouldBe("ExpectedEnd");
        noArea.Error.Code.ShouldBe("outages.area_required");
        badPolygon.Error.Code.ShouldBe("outages.polygon_invalid");
        var catalog = Autofac.ResolutionExtensions.Resolve<Modular.Core.Localization.ITextCatalog>(_host.Host.Container);
        catalog.Describe(endBeforeStart.Error, "ro").ShouldBe("Sfârșitul trebuie să fie după început.");
        catalog.Describe(noArea.Error, "lv").ShouldStartWith("Norādiet apgabalu");
        (await _host.Host.WithContextAsync<NotificationsDbContext, int>(db => db.Outages.CountAsync())).ShouldBe(before);

        var outage = await _host.AnnounceAsync([new OutageStreet("Aninoasa")]);
        var version = await _host.VersionAsync(outage.OutageId);
        (await _host.SendAsync(new UpdateOutage(outage.OutageId, version, OutagesHost.Local(2026, 12, 1, 7), texts))).Error.Code.ShouldBe("outages.end_before_start");
        (await _host.SendAsync(new EndOutage(outage.OutageId, version, OutagesHost.Local(2026, 12, 3, 7)))).Error.Code.ShouldBe("outages.restored_in_future");
        (await _host.VersionAsync(outage.OutageId)).ShouldBe(version);
    }

    [DbFact]
    public async Task Only_staff_with_the_permission_record_outages_while_anyone_reads_the_public_list()
    {
        var premises = await _host.PremisesAsync("Strada Horea nr. 1, Petrila");
        var command = new AnnounceOutage(OutageKind.Planned, OutageServices.Water, OutagesHost.Local(2026, 12, 2, 8), OutagesHost.Local(2026, 12, 2, 9),
            new OutageTexts("a", "b", "c"), [new OutageStreet("Petrila")], null);

        (await _host.SendAsync(command, Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier]))).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(command, Caller.Staff(Guid.NewGuid(), [StaffRoles.CustomerService]))).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(command, premises.User)).Error.Code.ShouldBe("core.forbidden");
        var planned = await _host.AnnounceAsync([new OutageStreet("Petrila")]);

        var visible = (await _host.SendAsync(new GetPublicOutages(), Caller.Anonymous)).Value;
        visible.Single(o => o.OutageId == planned.OutageId).Localities.ShouldBe(["Petrila"]);
    }
}

public sealed class SqliteOutagesTests(SqliteDatabase database) : OutagesTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresOutagesTests(PostgresDatabase database) : OutagesTests(database), IClassFixture<PostgresDatabase>;
