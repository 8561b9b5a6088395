using Microsoft.EntityFrameworkCore;
using Modular.Core.Outbox;
using Modular.Core.Platform;
using Modular.Core.Tests.TestModule;
using Modular.TestSupport;

namespace Modular.Core.Tests;

/// <summary>Reads the outbox's state in Core's store and the Counters store, for assertions.</summary>
internal static class OutboxProbe
{
    /// <summary>Work left: Counters messages not yet dispatched plus deliveries not yet done (dead letters included).</summary>
    public static async Task<int> PendingAsync(TestHost host) =>
        await host.WithContextAsync<CountersDbContext, int>(db => db.OutboxMessages.CountAsync(m => m.DispatchedAt == null))
        + await host.WithContextAsync<CoreDbContext, int>(db => db.Set<OutboxDelivery>().CountAsync());

    public static Task<List<OutboxDelivery>> DeliveriesAsync(TestHost host, Guid? messageId = null) =>
        host.WithContextAsync<CoreDbContext, List<OutboxDelivery>>(db =>
            db.Set<OutboxDelivery>().AsNoTracking().Where(d => messageId == null || d.MessageId == messageId).ToListAsync());
}
