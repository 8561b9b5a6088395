using Modular.Payments.Domain;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

public sealed class SequentialIdTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 25, 10, 0);

    [Fact]
    public void Ids_are_version_7_uuids_carrying_the_clock_time()
    {
        var id = SequentialId.New(At);
        id.Version.ShouldBe(7);
        (id.Variant & 0b1100).ShouldBe(0b1000);
        Convert.ToInt64(id.ToString("N")[..12], 16).ShouldBe(At.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Ids_sort_by_time_and_never_repeat_within_one_millisecond()
    {
        var same = Enumerable.Range(0, 100_000).Select(_ => SequentialId.New(At)).ToList();
        same.Distinct().Count().ShouldBe(same.Count);
        var later = SequentialId.New(At + Duration.FromMilliseconds(1));
        same.ShouldAllBe(id => string.CompareOrdinal(id.ToString(), later.ToString()) < 0);
        same.ShouldAllBe(id => id.CompareTo(later) < 0);
    }

    [Fact]
    public void References_start_with_the_time_and_end_with_random_digits()
    {
        var references = Enumerable.Range(0, 100_000).Select(_ => SequentialId.NewReference(At)).ToList();
        references.Distinct().Count().ShouldBe(references.Count);
        references.ShouldAllBe(r => r.Length == 28 && r.StartsWith("P" + At.ToUnixTimeMilliseconds().ToString("X11")));
        string.CompareOrdinal(references[0], SequentialId.NewReference(At + Duration.FromMilliseconds(1))).ShouldBeLessThan(0);
    }
}
