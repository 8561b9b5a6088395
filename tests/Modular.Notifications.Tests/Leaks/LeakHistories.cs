using Modular.Notifications.Domain;
using NodaTime;

namespace Modular.Notifications.Tests.Leaks;

internal enum HistoryKind { Plain, Leak, SummerRise, AbsenceCatchUp, MeterReplaced, Rollover }

/// <summary>A generated reading history: the readings as Readings would store them, and where a leak (if any) started.</summary>
internal sealed record GeneratedHistory(HistoryKind Kind, IReadOnlyList<GeneratedReading> Readings, LocalDate? LeakFrom);

/// <summary>An accepted reading: consumption since the same meter's previous actual reading, as Readings computes it.</summary>
internal sealed record GeneratedReading(Guid MeterId, LocalDate Date, decimal Index, decimal Consumption, bool Estimate, bool Rollover);

internal static class LeakHistories
{
    /// <summary>About three years of monthly readings of one household, with a leak or a trap of the given kind.</summary>
    public static GeneratedHistory Generate(Random random, HistoryKind kind)
    {
        var baseLitres = 90 + random.NextDouble() * 350;
        var garden = kind == HistoryKind.SummerRise ? 1.6 + random.NextDouble() * 0.8 : 1 + random.NextDouble() * 0.25;
        var start = new LocalDate(2023, 12, 20).PlusDays(random.Next(0, 10));
        const int months = 36;
        var leakMonth = kind == HistoryKind.Leak ? 26 + random.Next(0, 9) : -1;
        var leakLitres = 180 + random.NextDouble() * 1200;
        var absenceFrom = kind == HistoryKind.AbsenceCatchUp ? 24 + random.Next(0, 6) : -1;
        var absenceMonths = 2 + random.Next(0, 3);
        var replaceMonth = kind == HistoryKind.MeterReplaced ? 24 + random.Next(0, 10) : -1;
        var capacity = 100000m;
        var meter = Guid.NewGuid();
        var index = kind == HistoryKind.Rollover ? capacity - 40 - (decimal)random.Next(0, 40) : (decimal)random.Next(0, 3000);
        var readings = new List<GeneratedReading> { new(meter, start, index, 0, false, false) };
        var lastActual = start;
        var pending = 0d;
        LocalDate? leakFrom = null;
        var date = start;
        for (var m = 1; m <= months; m++)
        {
            var next = new LocalDate(2023, 12, 25).PlusMonths(m).PlusDays(random.Next(-4, 5));
            var days = Period.DaysBetween(date, next);
            var season = next.Month is 6 or 7 or 8 ? garden : next.Month is 5 or 9 ? 1 + (garden - 1) / 2 : 1;
            var noise = Math.Exp(Normal(random) * 0.12);
            var away = absenceFrom >= 0 && m >= absenceFrom && m < absenceFrom + absenceMonths;
            var perDay = away ? baseLitres * 0.03 : baseLitres * season * noise;
            if (leakMonth >= 0 && m >= leakMonth)
            {
                leakFrom ??= date;
                perDay += leakLitres;
            }

            pending += perDay * days / 1000d;
            date = next;
            if (away)
            {
                // Nobody reads: the utility estimates the month (an estimate, never a base for the next reading).
                readings.Add(new GeneratedReading(meter, next, index, Math.Round((decimal)(baseLitres * days / 1000d), 3), true, false));
                continue;
            }

            var used = Math.Round((decimal)pending, 3);
            pending = 0;
            var newIndex = index + used;
            var rollover = false;
            if (newIndex >= capacity)
            {
                newIndex -= capacity;
                rollover = true;
            }

            if (m == replaceMonth)
            {
                readings.Add(new GeneratedReading(meter, next, newIndex, used, false, rollover));
                meter = Guid.NewGuid();
                newIndex = random.Next(0, 5);
                readings.Add(new GeneratedReading(meter, next, newIndex, 0, false, false));
            }
            else
            {
                readings.Add(new GeneratedReading(meter, next, newIndex, used, false, rollover));
            }

            index = newIndex;
            lastActual = next;
        }

        return new GeneratedHistory(kind, readings, leakFrom);
    }

    /// <summary>What the leak rules see: the actual readings (no estimates).</summary>
    public static List<LeakSample> Samples(IEnumerable<GeneratedReading> readings) =>
        readings.Where(r => !r.Estimate).Select(r => new LeakSample(r.MeterId, r.Date, r.Consumption)).ToList();

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
