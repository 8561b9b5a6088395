using FsCheck;
using FsCheck.Fluent;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Readings.Tests;

/// <summary>Properties of the index rules over generated reading sequences (pure domain, no database).</summary>
public sealed class IndexPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);
    private static readonly LocalDate Installed = new(2026, 1, 1);
    private static readonly ReadingsOptions Options = new();
    private static readonly ReadingRules Rules = new(Options);

    [Fact]
    public void Any_sequence_of_accepted_readings_is_non_decreasing_modulo_rollover()
    {
        var cases = from digits in Gen.Choose(2, 4)
                    from initial in Gen.Choose(0, Pow10(digits) - 1)
                    from candidates in Gen.ListOf(Gen.Choose(0, Pow10(digits) - 1))
                    select (digits, initial, candidates);
        int rollovers = 0, refusals = 0;
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (meter, readings) = NewMeter(c.digits, c.initial);
            var month = 0;
            foreach (var candidate in c.candidates)
            {
                month++;
                var date = Installed.PlusMonths(month);
                var decision = Rules.Decide(meter, readings, candidate, date, Periods.Key(date.ToYearMonth()), ReadingSource.FieldReader);
                if (decision.IsSuccess)
                {
                    // A rollover is accepted only when its consumption is plausible for the meter's history.
                    var plausible = Plausibility.Assess(readings.OrderBy(r => r.ReadingDate).ToList(), date, Options);
                    if (decision.Value.Rollover && plausible.UseBeforeBase + decision.Value.Consumption > plausible.Limit)
                    {
                        return false;
                    }

                    rollovers += decision.Value.Rollover ? 1 : 0;
                    readings.Add(Accepted(meter, candidate, date, decision.Value));
                }
                else
                {
                    refusals++;
                }
            }

            // Unwrapping the register (adding the capacity at each rollover) gives a non-decreasing sequence whose steps are the consumptions.
            var ordered = readings.OrderBy(r => r.ReadingDate).ToList();
            var unwrapped = (decimal)c.initial;
            for (var i = 1; i < ordered.Count; i++)
            {
                var previous = ordered[i - 1];
                var current = ordered[i];
                var wrapped = current.Index < previous.Index;
                if (wrapped != current.Rollover || current.Consumption < 0)
                {
                    return false;
                }

                var next = unwrapped + current.Consumption;
                if (next < unwrapped || next % meter.Capacity != current.Index)
                {
                    return false;
                }

                unwrapped = next;
            }

            return true;
        }));

        // The generated sequences really exercise both branches.
        rollovers.ShouldBeGreaterThan(0);
        refusals.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_revision_is_decided_as_if_the_values_it_replaces_had_never_been_submitted()
    {
        var cases = from previous in Gen.Choose(0, 9_999)
                    from earlier in Gen.ListOf(Gen.Choose(0, 9_999))
                    from revision in Gen.Choose(0, 9_999)
                    select (previous, earlier, revision);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (meter, readings) = NewMeter(4, 0);
            var february = new LocalDate(2026, 2, 26);
            readings.Add(Accepted(meter, c.previous, february,
                Rules.Decide(meter, readings, c.previous, february, Periods.Key(february.ToYearMonth()), ReadingSource.FieldReader).Value));
            var baseline = readings.ToList();

            var march = new LocalDate(2026, 3, 26);
            var period = Periods.Key(march.ToYearMonth());
            foreach (var value in c.earlier)
            {
                var decided = Rules.Decide(meter, readings, value, march, period, ReadingSource.CustomerPortal);
                if (decided.IsSuccess)
                {
                    foreach (var replaced in decided.Value.Supersedes)
                    {
                        replaced.Status = ReadingStatus.Superseded;
                    }

                    readings.Add(Accepted(meter, value, march, decided.Value, ReadingSource.CustomerPortal));
                }
            }

            var withRevisions = Rules.Decide(meter, readings, c.revision, march, period, ReadingSource.CustomerPortal);
            var alone = Rules.Decide(meter, baseline, c.revision, march, period, ReadingSource.CustomerPortal);
            return withRevisions.IsSuccess == alone.IsSuccess
                && (withRevisions.IsFailure
                    ? withRevisions.Error.Code == alone.Error.Code
                    : withRevisions.Value.Base.Index == c.previous && withRevisions.Value.Consumption == alone.Value.Consumption);
        }));
    }

    [Theory]
    [InlineData("9999.0000000000000000000000001")]
    [InlineData("12345.678901234567890123456789")]
    [InlineData("1.0000000000000000000000000001")]
    public void An_index_with_more_digits_than_a_decimal_keeps_is_refused_before_it_is_rounded(string typed)
    {
        var index = decimal.Parse(typed, System.Globalization.CultureInfo.InvariantCulture);
        var meter = Meter.Register(Guid.NewGuid(), "D-1", Guid.NewGuid(), 5, 3, new LocalDate(2026, 1, 1), 0m, null, true, Instant.FromUtc(2026, 1, 1, 0, 0));

        meter.CheckIndex(index)!.Code.ShouldBe("readings.index_too_many_digits");
    }

    private static (Meter Meter, List<Reading> Readings) NewMeter(int digits, decimal initial)
    {
        var meter = Meter.Register(Guid.NewGuid(), "P-1", Guid.NewGuid(), digits, 0, Installed, initial, null, true, Instant.FromUtc(2026, 1, 1, 0, 0));
        var install = new Reading
        {
            Id = Guid.NewGuid(), MeterId = meter.Id, ContractId = meter.ContractId, Index = initial, ReadingDate = Installed,
            Period = Periods.Key(Installed.ToYearMonth()), Source = ReadingSource.MeterChange, Status = ReadingStatus.Accepted,
        };
        return (meter, [install]);
    }

    private static Reading Accepted(Meter meter, decimal index, LocalDate date, ReadingDecision decision, ReadingSource source = ReadingSource.FieldReader) => new()
    {
        Id = Guid.NewGuid(), MeterId = meter.Id, ContractId = meter.ContractId, Index = index, ReadingDate = date, Period = Periods.Key(date.ToYearMonth()),
        Source = source, Status = ReadingStatus.Accepted, Consumption = decision.Consumption, Rollover = decision.Rollover,
    };

    private static int Pow10(int digits) => (int)Math.Pow(10, digits);
}
