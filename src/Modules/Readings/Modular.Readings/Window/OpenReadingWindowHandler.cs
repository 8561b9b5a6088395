using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.Window;

/// <summary>
/// Publishes <see cref="ReadingWindowOpened"/> once per period, when its window has opened. The period's row in
/// window_openings (primary key) makes repeated and concurrent calls harmless.
/// </summary>
internal sealed class OpenReadingWindowHandler(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options)
    : IRequestHandler<OpenReadingWindow, Result<bool>>
{
    public async Task<Result<bool>> Handle(OpenReadingWindow request, CancellationToken cancellationToken)
    {
        var calendar = new WindowCalendar(options.Value);
        var today = clock.Today;
        var window = request.Period is { } period ? calendar.For(period) : calendar.OpenOn(today);
        if (window is null || window.OpensOn > today)
        {
            return false;
        }

        var key = Periods.Key(window.Period);
        if (await db.WindowOpenings.AnyAsync(w => w.Period == key, cancellationToken))
        {
            return false;
        }

        db.WindowOpenings.Add(new WindowOpening { Period = key, OpenedAt = clock.Now });
        db.Publish(new ReadingWindowOpened(Guid.NewGuid(), clock.Now, window.Period, window.OpensOn, window.ClosesOn));
        // Another instance opened it a moment ago: not opened by this call.
        return await db.SaveUnlessConflictAsync(_ => Task.FromResult<Result<bool>?>(false), new Error(CoreErrors.Conflict), DbConflict.UniqueViolation,
            cancellationToken) ?? true;
    }
}
