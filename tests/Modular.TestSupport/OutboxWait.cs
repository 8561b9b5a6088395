using System.Diagnostics;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using NodaTime;
using Shouldly;

namespace Modular.TestSupport;

/// <summary>Waits, with a deadline, until a host's background dispatcher has delivered every due outbox message of every module.</summary>
public static class OutboxWait
{
    public static async Task UntilDeliveredAsync(ILifetimeScope root, TimeSpan? deadline = null)
    {
        var limit = deadline ?? TimeSpan.FromSeconds(60);
        var waited = Stopwatch.StartNew();
        var stores = root.Resolve<IEnumerable<ModuleStore>>().ToList();
        var clock = root.Resolve<IClock>();
        while (true)
        {
            var pending = 0;
            await using (var scope = root.BeginLifetimeScope())
            {
                var now = clock.GetCurrentInstant();
                foreach (var store in stores)
                {
                    var db = (ModuleDbContext)scope.Resolve(store.ContextType);
                    pending += await db.OutboxMessages.AsNoTracking().CountAsync(m => m.ProcessedAt == null && m.NextAttemptAt <= now);
                }
            }

            if (pending == 0)
            {
                return;
            }

            waited.Elapsed.ShouldBeLessThan(limit, $"{pending} outbox messages still undelivered");
            await Task.Delay(100);
        }
    }
}
