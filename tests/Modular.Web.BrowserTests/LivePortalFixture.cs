using Modular.TestSupport;
using Xunit;

namespace Modular.Web.BrowserTests;

/// <summary>One live portal with the first-run demo data, shared by the journeys of a test class (each uses its own customer).</summary>
public sealed class LivePortalFixture : IAsyncLifetime
{
    private readonly SqliteDatabase _database = new();

    public LivePortal Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Portal = LivePortal.Start(_database, new Dictionary<string, string?>
        {
            ["Modular:Demo:Enabled"] = "true",
            ["Modular:Outbox:PollIntervalMilliseconds"] = "200",
        });
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await _database.DisposeAsync();
    }
}
