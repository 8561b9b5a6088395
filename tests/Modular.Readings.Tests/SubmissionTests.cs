using Autofac;
using Modular.Core.Access;
using Modular.Core.Localization;
using Modular.Readings.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>Customer submissions: window, monotonic index, rollover, revision, plausibility, eligibility, access.</summary>
public abstract class SubmissionTests(TestDatabase database) : IAsyncLifetime
{
    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_reading_inside_the_window_is_accepted_with_its_consumption_and_an_event()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        var result = await _host.SendAsync(new SubmitReading(meter, 112.5m));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        result.Value.Stored.ShouldBeTrue();
        result.Value.Consumption.ShouldBe(12.5m);
        result.Value.PreviousIndex.ShouldBe(100m);
        result.Value.Period.ShouldBe(new YearMonth(2026, 11));
        result.Warnings.ShouldBeEmpty();
        var accepted = (await _host.EventsAbout(meter)).Single(m => m.Type.Contains(nameof(ReadingAccepted), StringComparison.Ordinal));
        accepted.Payload.ShouldContain("12.5");
        accepted.Payload.ShouldContain(result.Value.ReadingId!.Value.ToString());
    }

    [DbFact]
    public async Task Outside_the_window_a_reading_is_refused_with_the_next_opening_date()
    {
        var meter = await _host.RegisterAsync();
        _host.SetLocal(2026, 11, 10);
        var result = await _host.SendAsync(new SubmitReading(meter, 120m));
        result.Error.Code.ShouldBe("readings.window_closed");
        result.Error.Arguments["opensOnIso"].ShouldBe("2026-11-25");
        var texts = _host.Host.Container.Resolve<ITextCatalog>();
        texts.Describe(result.Error, "ro").ShouldContain("25.11.2026");
        texts.Describe(result.Error, "lv").ShouldContain("25.11.2026");
        (await _host.ReadingsOf(meter)).Count.ShouldBe(1);
    }

    [DbFact]
    public async Task A_lower_index_is_refused_with_the_Romanian_text_and_changes_nothing()
    {
        var meter = await _host.RegisterAsync(initial: 500m);
        var result = await _host.SendAsync(new SubmitReading(meter, 400m));
        result.Error.Code.ShouldBe("readings.index_lower_than_previous");
        var texts = _host.Host.Container.Resolve<ITextCatalog>();
        texts.Describe(result.Error, "ro").ShouldBe("Index nou introdus incorect!");
        texts.Describe(result.Error, "en").ShouldContain("lower than the previous one (500)");
        texts.Describe(result.Error, "lv").ShouldContain("mazāks par iepriekšējo");
        (await _host.ReadingsOf(meter)).Count.ShouldBe(1);
        (await _host.EventsAbout(meter)).ShouldBeEmpty();
    }

    [DbFact]
    public async Task An_index_of_twenty_nine_significant_digits_is_refused_with_a_clear_code_and_changes_nothing()
    {
        var meter = await _host.RegisterAsync(initial: 100m);

        // Parsed like a form or JSON body would: 29 digits do not fit a decimal, so the parse rounds it to 9999.000…
        var index = decimal.Parse("9999.0000000000000000000000001", System.Globalization.CultureInfo.InvariantCulture);
        var result = await _host.SendAsync(new SubmitReading(meter, index));

        result.Error.Code.ShouldBe("readings.index_too_many_digits");
        var texts = _host.Host.Container.Resolve<ITextCatalog>();
        texts.Describe(result.Error, "ro").ShouldContain("mai multe cifre");
        texts.Describe(result.Error, "en").ShouldContain("more digits");
        texts.Describe(result.Error, "lv").ShouldContain("vairāk ciparu");
        (await _host.ReadingsOf(meter)).Count.ShouldBe(1);
        (await _host.SendAsync(new SubmitReading(meter, 9999.000m))).Value.Stored.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_register_rollover_is_accepted_when_the_capacity_explains_a_plausible_consumption()
    {
        var meter = await _host.RegisterAsync(initial: 9998m, digits: 4, decimals: 0);
        var result = await _host.SendAsync(new SubmitReading(meter, 3m));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        result.Value.Rollover.ShouldBeTrue();
        result.Value.Consumption.ShouldBe(5m);
    }

    [DbFact]
    public async Task A_lower_index_is_not_a_rollover_when_the_resulting_consumption_is_implausible()
    {
        var meter = await _host.RegisterAsync(initial: 9998m, digits: 4, decimals: 0);
        var result = await _host.SendAsync(new SubmitReading(meter, 200m));
        result.Error.Code.ShouldBe("readings.index_lower_than_previous");
    }

    [DbFact]
    public async Task An_index_must_fit_the_register()
    {
        var meter = await _host.RegisterAsync(initial: 10m, digits: 4, decimals: 1);
        (await _host.SendAsync(new SubmitReading(meter, 10000m))).Error.Code.ShouldBe("readings.index_too_large");
        (await _host.SendAsync(new SubmitReading(meter, 12.25m))).Error.Code.ShouldBe("readings.index_too_many_decimals");
        (await _host.SendAsync(new SubmitReading(meter, -1m))).Error.Code.ShouldBe("readings.index_negative");
    }

    [DbFact]
    public async Task A_revision_supersedes_the_earlier_value_and_is_compared_with_the_previous_period_only()
    {
        var meter = await _host.RegisterAsync(initial: 100m);
        var first = await _host.SendAsync(new SubmitReading(meter, 130m));
        var revised = await _host.SendAsync(new SubmitReading(meter, 110m));
        revised.IsSuccess.ShouldBeTrue(revised.ToString());
        revised.Value.PreviousIndex.ShouldBe(100m);
        revised.Value.Consumption.ShouldBe(10m);
        (await _host.SendAsync(new SubmitReading(meter, 90m))).Error.Code.ShouldBe("readings.index_lower_than_previous");

        var history = (await _host.SendAsync(new GetReadingHistory(meter, null))).Value;
        history.Single(r => r.ReadingId == first.Value.ReadingId).Status.ShouldBe(ReadingStatus.Superseded);
        history.Single(r => r.ReadingId == revised.Value.ReadingId).Status.ShouldBe(ReadingStatus.Accepted);
        history.Count.ShouldBe(3);
    }

    [DbFact]
    public async Task A_far_higher_consumption_than_usual_is_stored_only_when_the_caller_confirms()
    {
        var meter = await _host.RegisterAsync(initial: 0m, installedOn: new LocalDate(2025, 10, 5));
        await _host.MonthlyFieldReadingsAsync(meter, new LocalDate(2025, 11, 10), 12, 10m, 10m);
        var before = (await _host.ReadingsOf(meter)).Count;
        var eventsBefore = (await _host.EventsAbout(meter)).Count;

        var unconfirmed = await _host.SendAsync(new SubmitReading(meter, 220m));
        unconfirmed.IsSuccess.ShouldBeTrue();
        unconfirmed.Value.Stored.ShouldBeFalse();
        unconfirmed.Value.NeedsConfirmation.ShouldBeTrue();
        unconfirmed.Value.Consumption.ShouldBe(100m);
        unconfirmed.Warnings.Single().Code.ShouldBe("readings.consumption_high");
        (await _host.ReadingsOf(meter)).Count.ShouldBe(before);
        (await _host.EventsAbout(meter)).Count.ShouldBe(eventsBefore);

        var confirmed = await _host.SendAsync(new SubmitReading(meter, 220m, ConfirmWarnings: true));
        confirmed.Value.Stored.ShouldBeTrue();
        confirmed.Warnings.Single().Code.ShouldBe("readings.consumption_high");
        (await _host.ReadingsOf(meter)).Count.ShouldBe(before + 1);
    }

    [DbFact]
    public async Task A_usual_consumption_with_history_gives_no_warning()
    {
        var meter = await _host.RegisterAsync(initial: 0m, installedOn: new LocalDate(2025, 10, 5));
        await _host.MonthlyFieldReadingsAsync(meter, new LocalDate(2025, 11, 10), 12, 10m, 10m);
        var result = await _host.SendAsync(new SubmitReading(meter, 135m));
        result.Value.Stored.ShouldBeTrue();
        result.Warnings.ShouldBeEmpty();
    }

    [DbFact]
    public async Task Zero_consumption_for_several_periods_needs_confirmation()
    {
        var meter = await _host.RegisterAsync(initial: 50m, installedOn: new LocalDate(2026, 7, 1));
        await _host.MonthlyFieldReadingsAsync(meter, new LocalDate(2026, 8, 10), 3, 50m, 0m);
        var result = await _host.SendAsync(new SubmitReading(meter, 50m));
        result.Value.Stored.ShouldBeFalse();
        result.Warnings.Single().Code.ShouldBe("readings.consumption_zero");
    }

    [DbFact]
    public async Task Without_history_a_large_consumption_gives_no_warning()
    {
        var meter = await _host.RegisterAsync(initial: 0m);
        var result = await _host.SendAsync(new SubmitReading(meter, 900m));
        result.Value.Stored.ShouldBeTrue();
        result.Warnings.ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_meter_closed_to_self_reading_is_refused_until_the_utility_opens_it()
    {
        var meter = await _host.RegisterAsync(selfRead: false);
        (await _host.SendAsync(new SubmitReading(meter, 120m))).Error.Code.ShouldBe("readings.self_reading_not_allowed");
        (await _host.SendAsync(new GetReadingWindow(meter))).Value.CanSubmit.ShouldBeFalse();
        (await _host.SendAsync(new SetSelfReading(meter, true))).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new SubmitReading(meter, 120m))).Value.Stored.ShouldBeTrue();
    }

    [DbFact]
    public async Task Portal_users_reach_only_meters_of_their_contracts()
    {
        var mine = Guid.NewGuid();
        var myMeter = await _host.RegisterAsync(mine);
        var otherMeter = await _host.RegisterAsync();
        var user = _host.Scopes.UserFor(mine);

        (await _host.SendAsync(new SubmitReading(otherMeter, 120m), user)).Error.Code.ShouldBe("readings.meter_not_found");
        (await _host.SendAsync(new SubmitReading(myMeter, 120m), AnonymousUser.Instance)).Error.Code.ShouldBe("core.forbidden");
        var accepted = await _host.SendAsync(new SubmitReading(myMeter, 120m), user);
        accepted.Value.Stored.ShouldBeTrue();

        var meters = (await _host.SendAsync(new GetMyMeters(), user)).Value;
        meters.Single().MeterId.ShouldBe(myMeter);
        // The window's own reading is shown apart: "previous" stays what a correction would be compared with.
        meters.Single().PreviousIndex.ShouldBe(100m);
        meters.Single().CurrentPeriodIndex.ShouldBe(120m);
        meters.Single().Window.IsOpen.ShouldBeTrue();
        (await _host.SendAsync(new GetMetersForContract(Guid.NewGuid()), user)).Error.Code.ShouldBe("readings.contract_not_visible");
        (await _host.SendAsync(new GetReadingHistory(otherMeter, null), user)).IsFailure.ShouldBeTrue();
        (await _host.SendAsync(new GetReadingHistory(myMeter, null), user)).Value.First().SubmittedBy.ShouldBe(user.UserId);
    }

    [DbFact]
    public async Task Customers_cannot_claim_to_be_field_readers_nor_register_meters()
    {
        var meter = await _host.RegisterAsync();
                var user = _host.Scopes.UserFor(Guid.NewGuid());
        (await _host.SendAsync(new RegisterMeter("X-1", Guid.NewGuid(), 5, 3, new LocalDate(2026, 1, 1), 0m, null, true), user))
            .Error.Code.ShouldBe("core.forbidden");
    }
}

public sealed class SqliteSubmissionTests(SqliteDatabase database) : SubmissionTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresSubmissionTests(PostgresDatabase database) : SubmissionTests(database), IClassFixture<PostgresDatabase>;
