using Modular.Notifications.Domain;
using NodaTime;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Modular.Notifications.Tests.Leaks;

/// <summary>
/// The leak rules on generated histories (fixed seed): households with a leak that starts at a random reading, and the
/// false-alarm traps – a garden's summer rise, a long absence with estimates then a catch-up reading, a replaced meter and a
/// rolled-over register. Every actual reading from the second year on is judged as it would arrive.
/// </summary>
public sealed class LeakDetectionTests(ITestOutputHelper output)
{
    private const int Seed = 20261202;

    private const int PerKind = 100;

    /// <summary>A leak counts as detected when a warning comes within this many days of its start.</summary>
    private const int DetectWithinDays = 100;

    [Fact]
    public void Leaks_are_detected_and_the_traps_raise_almost_no_false_alarms_on_a_fixed_seed()
    {
        var random = new Random(Seed);
        var alarms = new Dictionary<HistoryKind, int>();
        int leaks = 0, detected = 0, clean = 0, falseAlarms = 0;
        for (var i = 0; i < PerKind * 6; i++)
        {
            var kind = (HistoryKind)(i % 6);
            var history = LeakHistories.Generate(random, kind);
            var (early, inTime) = Replay(history);
            if (kind == HistoryKind.Leak)
            {
                leaks++;
                detected += inTime ? 1 : 0;
            }
            else
            {
                clean++;
                falseAlarms += early ? 1 : 0;
            }

            alarms[kind] = alarms.GetValueOrDefault(kind) + (early ? 1 : 0);
        }

        var detectionRate = (double)detected / leaks;
        var falseAlarmRate = (double)falseAlarms / clean;
        output.WriteLine($"Seed {Seed}: detected {detected} of {leaks} leaks ({detectionRate:P1}) within {DetectWithinDays} days;"
            + $" false alarms {falseAlarms} of {clean} histories without a leak ({falseAlarmRate:P1}).");
        foreach (var (kind, count) in alarms.OrderBy(a => a.Key))
        {
            output.WriteLine($"  {kind}: {count} false alarm(s) in {PerKind}");
        }

        detectionRate.ShouldBeGreaterThanOrEqualTo(0.90);
        falseAlarmRate.ShouldBeLessThanOrEqualTo(0.05);
    }

    [Fact]
    public void A_leak_is_reported_with_the_use_seen_and_the_usual_use_and_a_steady_small_leak_is_seen_over_several_readings()
    {
        var meter = Guid.NewGuid();
        var samples = Monthly(meter, 24, _ => 200).ToList();
        var leaking = samples.Concat(Monthly(meter, 1, _ => 900, from: samples[^1].Date)).ToList();

        var verdict = LeakDetector.Evaluate(leaking, LeakThresholds.Default);

        verdict.Signal.ShouldBe(LeakSignal.High);
        verdict.LitresPerDay.ShouldBe(900, 1);
        verdict.UsualLitresPerDay.ShouldBe(200, 1);

        // 200 → 300 l/day is under the factor, but three readings in a row raised by the same 100 l/day is a running cistern.
        var small = samples.Concat(Monthly(meter, 3, _ => 300, from: samples[^1].Date)).ToList();
        LeakDetector.Evaluate(small.Take(samples.Count + 2).ToList(), LeakThresholds.Default).Signal.ShouldBe(LeakSignal.Raised);
        LeakDetector.Evaluate(small, LeakThresholds.Default).Signal.ShouldBe(LeakSignal.Steady);
    }

    [Fact]
    public void Without_history_or_over_a_short_interval_nothing_is_judged()
    {
        var meter = Guid.NewGuid();
        LeakDetector.Evaluate(Monthly(meter, 1, _ => 5000).ToList(), LeakThresholds.Default).Signal.ShouldBe(LeakSignal.Unknown);
        var history = Monthly(meter, 24, _ => 200).ToList();
        var nextDay = history.Append(new LeakSample(meter, history[^1].Date.PlusDays(2), 3m)).ToList();
        LeakDetector.Evaluate(nextDay, LeakThresholds.Default).Until.ShouldNotBe(nextDay[^1].Date);
    }

    /// <summary>Replays the readings one by one: (a warning before the leak or in a history without one, a warning in time).</summary>
    private static (bool Early, bool InTime) Replay(GeneratedHistory history)
    {
        bool early = false, inTime = false;
        var readings = history.Readings;
        for (var k = 13; k < readings.Count; k++)
        {
            if (readings[k].Estimate)
            {
                continue;
            }

            var verdict = LeakDetector.Evaluate(LeakHistories.Samples(readings.Take(k + 1)), LeakThresholds.Default);
            if (verdict.Signal is not (LeakSignal.High or LeakSignal.Steady))
            {
                continue;
            }

            if (history.LeakFrom is not { } from || readings[k].Date <= from)
            {
                early = true;
            }
            else if (Period.DaysBetween(from, readings[k].Date) <= DetectWithinDays)
            {
                inTime = true;
            }
        }

        return (early, inTime);
    }

    /// <summary>Monthly readings of <paramref name="litresPerDay"/> (by month number), 30 days apart.</summary>
    private static IEnumerable<LeakSample> Monthly(Guid meter, int months, Func<int, double> litresPerDay, LocalDate? from = null)
    {
        var date = from ?? new LocalDate(2024, 1, 1);
        if (from is null)
        {
            yield return new LeakSample(meter, date, 0);
        }

        for (var m = 1; m <= months; m++)
        {
            date = date.PlusDays(30);
            yield return new LeakSample(meter, date, (decimal)(litresPerDay(m) * 30 / 1000));
        }
    }
}
