using System.Globalization;
using Modular.Core.Persistence;
using Modular.Requests.Persistence;

namespace Modular.Requests.Submissions;

/// <summary>
/// Human request numbers, one series per prefix and year (<c>CR-2026-000123</c>), taken from Core's <see cref="SeriesNumbers"/>
/// inside the transaction that registers the request: concurrent submissions (any instance) take numbers one after the
/// other; a number is unique for good (a unique index backs it). A submission rolled back gives its
/// number back; numbers may still have gaps (a series edited by hand), and nothing relies on their having none.
/// </summary>
internal static class RequestNumbers
{
    public static string Format(string series, long number) => string.Create(CultureInfo.InvariantCulture, $"{series}-{number:D6}");

    /// <summary>The next number of <paramref name="series"/>; call it after the command's first save (whose transaction it joins).</summary>
    public static async Task<string> NextAsync(RequestsDbContext db, string series, CancellationToken cancellationToken)
    {
        return Format(series, await SeriesNumbers.TakeAsync(db, RequestsDbContext.NumberSeriesTable, series, 1, cancellationToken));
    }
}
