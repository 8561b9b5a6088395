using System.Diagnostics;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Core.Testing;

/// <summary>Waits, with a deadline, until a host's background dispatcher has dispatched every outbox message and delivered every due delivery.</summary>
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
                    pending += await db.OutboxMessages.AsNoTracking().CountAsync(m => m.DispatchedAt == null);
                    if (db.Model.FindEntityType(typeof(OutboxDelivery)) is not null)
                    {
                        // Core's store: the deliveries still due (a dead letter or a retry set in the future waits for nobody).
                        pending += await db.Set<OutboxDelivery>().AsNoTracking().CountAsync(d => d.DeadAt == null && d.NextAttemptAt <= now);
                    }
                }
            }

            if (pending == 0)
            {
                return;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"{pending} outbox messages still undelivered after {limit}.");
            }

            await Task.Delay(100);
        }
    }
}
