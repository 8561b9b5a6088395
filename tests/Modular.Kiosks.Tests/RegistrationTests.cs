using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Persistence;
using Shouldly;

namespace Modular.Kiosks.Tests;

/// <summary>Registering kiosks, their device keys (shown once, stored as a hash), new keys, retirement and who may do it.</summary>
public abstract class RegistrationTests(TestDatabase database) : IAsyncLifetime
{
    private KiosksHost _host = null!;

    public async Task InitializeAsync() => _host = await KiosksHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_registered_kiosk_authenticates_with_the_key_shown_once_and_only_its_hash_is_stored()
    {
        var registered = await _host.SendAsync(new RegisterKiosk(" cc7-k2 ", "NORD", "Chioșc nord"), KiosksHost.Supervisor);

        registered.IsSuccess.ShouldBeTrue(registered.ToString());
        registered.Value.Code.ShouldBe("CC7-K2");
        registered.Value.DeviceKey.Length.ShouldBeGreaterThan(40);
        var stored = await _host.Host.WithContextAsync<KiosksDbContext, string>(db => db.Kiosks.Where(k => k.Id == registered.Value.KioskId)
            .Select(k => k.KeyHash).SingleAsync());
        stored.ShouldNotContain(registered.Value.DeviceKey);
        stored.Length.ShouldBe(64);

        var identity = await _host.SendAsync(new AuthenticateKiosk(registered.Value.DeviceKey));
        identity.Value.ShouldBe(new KioskIdentity(registered.Value.KioskId, "CC7-K2", "NORD", "Chioșc nord"));
    }

    [DbFact]
    public async Task A_new_key_replaces_the_old_one_and_a_retired_kiosk_has_no_key_that_works()
    {
        var registered = (await _host.SendAsync(new RegisterKiosk("CC1-K9", "CENTRAL", "K9"), KiosksHost.Supervisor)).Value;

        var reissued = await _host.SendAsync(new IssueKioskKey(registered.KioskId), KiosksHost.Supervisor);

        reissued.Value.DeviceKey.ShouldNotBe(registered.DeviceKey);
        (await _host.SendAsync(new AuthenticateKiosk(registered.DeviceKey))).Error.Code.ShouldBe("kiosks.key_invalid");
        (await _host.SendAsync(new AuthenticateKiosk(reissued.Value.DeviceKey))).IsSuccess.ShouldBeTrue();

        (await _host.SendAsync(new RetireKiosk(registered.KioskId), KiosksHost.Supervisor)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new RetireKiosk(registered.KioskId), KiosksHost.Supervisor)).IsSuccess.ShouldBeTrue("retiring twice changes nothing");
        (await _host.SendAsync(new AuthenticateKiosk(reissued.Value.DeviceKey))).Error.Code.ShouldBe("kiosks.key_invalid");
        (await _host.SendAsync(new IssueKioskKey(registered.KioskId), KiosksHost.Supervisor)).Error.Code.ShouldBe("kiosks.kiosk_retired");
        var listed = (await _host.SendAsync(new ListKiosks(), KiosksHost.Cashier)).Value.Single(k => k.KioskId == registered.KioskId);
        listed.Retired.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_wrong_or_empty_key_gets_the_same_clear_error()
    {
        await _host.SeedKioskAsync();
        (await _host.SendAsync(new AuthenticateKiosk("not-a-key"))).Error.Code.ShouldBe("kiosks.key_invalid");
        (await _host.SendAsync(new AuthenticateKiosk(string.Empty))).Error.Code.ShouldBe("kiosks.key_invalid");
        (await _host.SendAsync(new AuthenticateKiosk(_host.DeviceKey + "x"))).Error.Code.ShouldBe("kiosks.key_invalid");
    }

    [DbFact]
    public async Task A_code_is_taken_once_whatever_its_case_also_by_two_registrations_racing()
    {
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.SendAsync(new RegisterKiosk("CC3-K1", "SUD", "Sud"), KiosksHost.Supervisor)));

        racing.Count(r => r.IsSuccess).ShouldBe(1);
        racing.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "kiosks.code_taken" && r.Error.Field == "Code");
        (await _host.SendAsync(new RegisterKiosk("cc3-k1", "SUD", "Sud"), KiosksHost.Supervisor)).Error.Code.ShouldBe("kiosks.code_taken");
        (await _host.SendAsync(new ListKiosks(), KiosksHost.Supervisor)).Value.Count(k => k.Code == "CC3-K1").ShouldBe(1);
    }

    [DbFact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_stored()
    {
        var result = await _host.SendAsync(new RegisterKiosk("CC 1/K1", " ", new string('x', 101)), KiosksHost.Supervisor);

        result.Errors.Select(e => (e.Code, e.Field)).ShouldBe(
            [("kiosks.code_invalid", "Code"), ("kiosks.centre_required", "Centre"), ("kiosks.name_required", "Name")], ignoreOrder: true);
        (await _host.SendAsync(new ListKiosks(), KiosksHost.Supervisor)).Value.ShouldNotContain(k => k.Code == "CC 1/K1" || k.Code == "CC 1/K1".ToUpperInvariant());
    }

    [DbFact]
    public async Task A_cashier_sees_the_kiosks_but_cannot_register_reissue_retire_or_close_a_day()
    {
        var id = await _host.RegisterAsync();

        (await _host.SendAsync(new ListKiosks(), KiosksHost.Cashier)).Value.ShouldContain(k => k.KioskId == id);
        (await _host.SendAsync(new GetKiosk(id), KiosksHost.Cashier)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new RegisterKiosk("CC9-K1", "X", "X"), KiosksHost.Cashier)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(new IssueKioskKey(id), KiosksHost.Cashier)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(new RetireKiosk(id), KiosksHost.Cashier)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(new CloseKioskDay(id, _host.Today), KiosksHost.Cashier)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(new AuthenticateKiosk("x"), KiosksHost.Supervisor)).Error.Code.ShouldBe(CoreErrors.Forbidden, "only the kiosk host (the system) authenticates");
    }

    [DbFact]
    public async Task The_heartbeat_records_when_the_kiosk_was_seen_and_what_it_has_pending()
    {
        var id = await _host.SeedKioskAsync();
        _host.Clock.Advance(NodaTime.Duration.FromMinutes(5));

        (await _host.SendAsync(new ReportKioskStatus(id, 3, "1.2.3"))).IsSuccess.ShouldBeTrue();

        var kiosk = (await _host.SendAsync(new GetKiosk(id), KiosksHost.Cashier)).Value.Kiosk;
        kiosk.LastSeenAt.ShouldBe(_host.Clock.GetCurrentInstant());
        kiosk.PendingEntries.ShouldBe(3);
        (await _host.SendAsync(new ReportKioskStatus(id, -1))).Error.Code.ShouldBe("kiosks.pending_invalid");
        (await _host.SendAsync(new ReportKioskStatus(Guid.NewGuid(), 0))).Error.Code.ShouldBe("kiosks.kiosk_not_found");
    }
}

public sealed class SqliteRegistrationTests(SqliteDatabase database) : RegistrationTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresRegistrationTests(PostgresDatabase database) : RegistrationTests(database), IClassFixture<PostgresDatabase>;
