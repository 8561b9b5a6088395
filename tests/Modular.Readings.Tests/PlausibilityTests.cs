using FsCheck;
using FsCheck.Fluent;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>
/// Plausibility compares like with like, over generated household histories (pure domain): a usual month never warns,
/// however recent the previous reading; real outliers always do.
/// </summary>
public sealed class PlausibilityTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);
    private static readonly ReadingsOptions Options = new();
    private static readonly ReadingRules Rules = new(Options);

    /// <summary>A household: monthly use around <see cref="Base"/> m³ with a seasonal swing and noise, read on each month's last day.</summary>
    private sealed record Household(Meter Meter, List<Reading> Readings, decimal Base, decimal Swing, LocalDate Today)
    {
        public Reading Previous => Readings[^1];

        public int PeriodKey => (Today.Year * 100) + Today.Month;

        /// <summary>A usual month's use now (the household's seasonal level, a little above average).</summary>
        public decimal UsualMonth => decimal.Round(Base * Season(Today.Month, Swing) * 1.1m, 3);

        public int SpanDays => Period.Between(Readings[^2].ReadingDate, Today, PeriodUnits.Days).Days;
    }

    private static Gen<Household> Households(int minMonths) =>
        from months in Gen.Choose(minMonths, 30)
        from baseUse in Gen.Choose(2, 30)
        from swing in Gen.Choose(0, 50)
        from noise in Gen.ArrayOf(Gen.Choose(85, 115), 31)
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, 27)
        select Build(months, baseUse, swing / 100m, noise, new LocalDate(2026, month, day));

    [Fact]
    public void A_usual_month_entered_a_day_after_the_previous_reading_gives_no_warning()
    {
        Check.One(Runs, Prop.ForAll(Households(14).ToArbitrary(), h =>
        {
            // What the issue saw: the previous reading is only days old and the customer enters a normal month's use.
            var decided = Decide(h, h.Previous.Index + h.UsualMonth);
            return decided.IsSuccess && decided.Value.Warnings.Count == 0;
        }));
    }

    [Fact]
    public void Use_six_times_the_usual_over_the_span_always_warns()
    {
        Check.One(Runs, Prop.ForAll(Households(2).ToArbitrary(), h =>
        {
            var outlier = 6m * h.Base * h.SpanDays / 30m;
            var decided = Decide(h, h.Previous.Index + decimal.Round(outlier, 3));
            return decided.IsSuccess && decided.Value.Warnings.Any(w => w.Code == "readings.consumption_high");
        }));
    }

    [Fact]
    public void A_summer_house_used_as_last_summer_gives_no_warning_where_the_yearly_average_alone_would()
    {
        // Half a cubic metre a month in winter, twenty in July and August.
        var (meter, readings) = NewMeter(new LocalDate(2024, 12, 31));
        var index = 0m;
        for (var month = new YearMonth(2025, 1); month.CompareTo(new YearMonth(2026, 6)) <= 0; month = month.PlusMonths(1))
        {
            var use = month.Month is 7 or 8 ? 20m : 0.5m;
            index += use;
            readings.Add(Reading(meter, index, month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)), use));
        }

        var july = Rules.Decide(meter, readings, index + 20m, new LocalDate(2026, 7, 31), 202607, ReadingSource.CustomerPortal);
        july.Value.Warnings.ShouldBeEmpty();

        var yearlyAverage = UsageHistory.Average(readings, new LocalDate(2026, 7, 31), 12).AverageDaily * 31;
        (20m).ShouldBeGreaterThan(Options.PlausibilityFactor * yearlyAverage);
        var leak = Rules.Decide(meter, readings, index + 80m, new LocalDate(2026, 7, 31), 202607, ReadingSource.CustomerPortal);
        leak.Value.Warnings.Single().Code.ShouldBe("readings.consumption_high");
    }

    [Fact]
    public void The_warning_names_the_use_and_the_date_it_is_measured_from()
    {
        var h = Build(24, 10, 0m, Enumerable.Repeat(100, 31).ToArray(), new LocalDate(2026, 11, 1));
        var decided = Decide(h, h.Previous.Index + 100m);

        var warning = decided.Value.Warnings.Single();
        warning.Arguments["since"].ShouldBe(h.Readings[^2].ReadingDate);
        ((decimal)warning.Arguments["consumption"]!).ShouldBe(h.Previous.Consumption + 100m);
    }

    private static Core.Results.Result<ReadingDecision> Decide(Household h, decimal index) =>
        Rules.Decide(h.Meter, h.Readings, index, h.Today, h.PeriodKey, ReadingSource.CustomerPortal);

    private static decimal Season(int month, decimal swing) => 1m + (swing * (decimal)Math.Sin((month - 4) * Math.PI / 6));

    private static Household Build(int months, int baseUse, decimal swing, int[] noise, LocalDate today)
    {
        var first = today.ToYearMonth().PlusMonths(-months);
        var (meter, readings) = NewMeter(first.PlusMonths(-1).OnDayOfMonth(1));
        var index = 100m;
        for (var i = 0; i < months; i++)
        {
            var month = first.PlusMonths(i);
            var use = decimal.Round(baseUse * Season(month.Month, swing) * noise[i] / 100m, 3);
            index += use;
            readings.Add(Reading(meter, index, month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)), use));
        }

        return new Household(meter, readings, baseUse, swing, today);
    }

    private static (Meter Meter, List<Reading> Readings) NewMeter(LocalDate installed)
    {
        var meter = Meter.Register(Guid.NewGuid(), "P-2", Guid.NewGuid(), 6, 3, installed, 100m, null, true, Instant.FromUtc(2020, 1, 1, 0, 0));
        var install = new Reading
        {
            Id = Guid.NewGuid(), MeterId = meter.Id, ContractId = meter.ContractId, Index = 100m, ReadingDate = installed,
            Period = (installed.Year * 100) + installed.Month, Source = ReadingSource.MeterChange, Status = ReadingStatus.Accepted,
        };
        return (meter, [install]);
    }

    private static Reading Reading(Meter meter, decimal index, LocalDate date, decimal consumption) => new()
    {
        Id = Guid.NewGuid(), MeterId = meter.Id, ContractId = meter.ContractId, Index = index, ReadingDate = date, Period = (date.Year * 100) + date.Month,
        Source = ReadingSource.FieldReader, Status = ReadingStatus.Accepted, Consumption = consumption,
        SubmittedAt = Instant.FromUtc(date.Year, date.Month, date.Day, 9, 0),
    };
}

/// <summary>The case end to end on both providers: the window opens on the 1st, the field reader came the day before.</summary>
public abstract class DayOldPreviousReadingTests(TestDatabase database) : IAsyncLifetime
{
    private ReadingsHost _host = null!;

    public async Task InitializeAsync() => _host = await ReadingsHost.StartAsync(database,
        now: ReadingsHost.LocalAt("Europe/Bucharest", 2026, 12, 1, 9),
        settings: new Dictionary<string, string?> { ["Modular:Readings:WindowStartDay"] = "1", ["Modular:Readings:WindowEndDay"] = "10" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_usual_monthly_reading_a_day_after_the_field_reading_is_stored_without_a_warning()
    {
        var meter = await _host.RegisterAsync(initial: 0m, installedOn: new LocalDate(2024, 10, 5));
        var serial = await _host.SerialOf(meter);
        var index = 0m;
        var rows = new List<string>();
        for (var month = new YearMonth(2024, 11); month.CompareTo(new YearMonth(2026, 11)) <= 0; month = month.PlusMonths(1))
        {
            index += 11m + (month.Month % 3);
            rows.Add(FormattableString.Invariant($"{serial},{month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)):yyyy-MM-dd},{index}"));
        }

        (await _host.ImportAsync([.. rows])).Rejected.ShouldBeEmpty();

        var usual = await _host.SendAsync(new SubmitReading(meter, index + 11.785m));
        usual.IsSuccess.ShouldBeTrue(usual.ToString());
        usual.Warnings.ShouldBeEmpty();
        usual.Value.Stored.ShouldBeTrue();
        usual.Value.PreviousDate.ShouldBe(new LocalDate(2026, 11, 30));

        var outlier = await _host.SendAsync(new SubmitReading(meter, index + 90m));
        outlier.Warnings.Single().Code.ShouldBe("readings.consumption_high");
        outlier.Value.Stored.ShouldBeFalse();
    }
}

public sealed class SqliteDayOldPreviousReadingTests(SqliteDatabase database) : DayOldPreviousReadingTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresDayOldPreviousReadingTests(PostgresDatabase database) : DayOldPreviousReadingTests(database), IClassFixture<PostgresDatabase>;
