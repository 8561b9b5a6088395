using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Demo;

namespace Modular.Core.Tests.TestModule;

/// <summary>The counters' demo data: counters "demo-a" and "demo-b" at 1, each created only when missing (re-runnable).</summary>
internal sealed class CountersDemoData(CountersDbContext db, IOptions<CountersOptions> options) : IDemoData
{
    public Task<bool> HasDataAsync(CancellationToken cancellationToken) => db.Counters.AnyAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "demo-a", "demo-b" })
        {
            if (!await db.Counters.AnyAsync(c => c.Name == name, cancellationToken))
            {
                (await context.Mediator.Send(new IncrementCounter(name, 1), cancellationToken)).IsSuccess.ShouldBeTrueOrThrow();
            }

            if (options.Value.DemoFailsAfterFirstCounter)
            {
                throw new InvalidOperationException("The process died while loading demo data.");
            }
        }
    }

    public IEnumerable<string> Describe() => ["Demo counters: demo-a, demo-b"];
}

internal static class ResultChecks
{
    public static void ShouldBeTrueOrThrow(this bool value)
    {
        if (!value)
        {
            throw new InvalidOperationException("A demo command failed.");
        }
    }
}
