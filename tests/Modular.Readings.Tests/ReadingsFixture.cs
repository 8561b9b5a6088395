using System.Text;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Core.Outbox;
using Modular.Core.Testing;
using Modular.Readings.Contracts;
using Modular.Readings.Persistence;
using Modular.TestSupport;
using NodaTime;
using Shouldly;

namespace Modular.Readings.Tests;

/// <summary>Portal users and the contracts they may see, for the host's <see cref="IAccessScopeProvider"/>.</summary>
public sealed class FakeScopes : IAccessScopeProvider
{
    private readonly Dictionary<Guid, HashSet<Guid>> _contracts = [];

    public Caller UserFor(params Guid[] contractIds)
    {
        var id = Guid.NewGuid();
        lock (_contracts)
        {
            _contracts[id] = [.. contractIds];
        }

        return Caller.Customer(id, culture: "ro");
    }

    public Task<AccessScope> GetScopeAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_contracts)
        {
            return Task.FromResult(new AccessScope(false, new HashSet<Guid>(), _contracts.GetValueOrDefault(userId) ?? []));
        }
    }

    public Task<AccessScope> GetCustomerScopeAsync(Guid customerId, CancellationToken cancellationToken) =>
        Task.FromResult(AccessScope.Nothing);
}

/// <summary>A started host with the Readings module, plus helpers to arrange meters and readings.</summary>
internal sealed class ReadingsHost(TestHost host, FakeScopes scopes) : IAsyncDisposable
{
    public TestHost Host { get; } = host;

    public FakeScopes Scopes { get; } = scopes;

    public FakeClock Clock => Host.Clock;

    public static async Task<ReadingsHost> StartAsync(TestDatabase database, string zone = "Europe/Bucharest", Instant? now = null,
        IDictionary<string, string?>? settings = null)
    {
        var scopes = new FakeScopes();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Modular:Time:TimeZone"] = zone };
        var clock = new FakeClock(now ?? LocalAt(zone, 2026, 11, 26, 12));
        var host = await TestHost.StartAsync(database, m => m.AddReadings(), all, clock,
            services => services.AddSingleton<IAccessScopeProvider>(scopes));
        return new ReadingsHost(host, scopes);
    }

    public static Instant LocalAt(string zone, int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new LocalDateTime(year, month, day, hour, minute, second).InZoneStrictly(DateTimeZoneProviders.Tzdb[zone]).ToInstant();

    public void SetLocal(int year, int month, int day, int hour = 12, int minute = 0, int second = 0)
    {
        var zone = Host.Container.Resolve<DateTimeZone>();
        Clock.Set(new LocalDateTime(year, month, day, hour, minute, second).InZoneStrictly(zone).ToInstant());
    }

    public Task<T> SendAsync<T>(MediatR.IRequest<T> request, ICurrentUser? user = null) => Host.SendAsync(request, user);

    public async Task<Guid> RegisterAsync(Guid? contractId = null, decimal initial = 100m, LocalDate? installedOn = null, int digits = 5,
        int decimals = 3, bool selfRead = true, string? serial = null)
    {
        var result = await SendAsync(new RegisterMeter(serial ?? "SN-" + Guid.NewGuid().ToString("N")[..10], contractId ?? Guid.NewGuid(),
            digits, decimals, installedOn ?? new LocalDate(2025, 1, 10), initial, null, selfRead));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    public async Task<ImportReport> ImportAsync(params string[] rows)
    {
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes("serial,date,index\n" + string.Join("\n", rows) + "\n"));
        var result = await SendAsync(new ImportFieldReadings(csv));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    public async Task<string> SerialOf(Guid meterId) =>
        await Host.WithContextAsync<ReadingsDbContext, string>(db => db.Meters.Where(m => m.Id == meterId).Select(m => m.Serial).SingleAsync());

    /// <summary>Monthly field readings on the 10th of each month, <paramref name="perMonth"/> m³ apart, from <paramref name="from"/>.</summary>
    public async Task MonthlyFieldReadingsAsync(Guid meterId, LocalDate from, int months, decimal start, decimal perMonth)
    {
        var serial = await SerialOf(meterId);
        var rows = Enumerable.Range(0, months)
            .Select(i => $"{serial},{from.PlusMonths(i):yyyy-MM-dd},{(start + (perMonth * i)).ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToArray();
        var report = await ImportAsync(rows);
        report.Rejected.ShouldBeEmpty();
    }

    public Task<List<Domain.Reading>> ReadingsOf(Guid meterId) =>
        Host.WithContextAsync<ReadingsDbContext, List<Domain.Reading>>(db => db.Readings.AsNoTracking().Where(r => r.MeterId == meterId).ToListAsync());

    public Task<List<OutboxMessage>> Outbox() =>
        Host.WithContextAsync<ReadingsDbContext, List<OutboxMessage>>(db => db.OutboxMessages.AsNoTracking().ToListAsync());

    /// <summary>Outbox messages whose payload names <paramref name="id"/> (the database is shared by the tests of a class).</summary>
    public Task<List<OutboxMessage>> EventsAbout(Guid id) =>
        Host.WithContextAsync<ReadingsDbContext, List<OutboxMessage>>(async db =>
            (await db.OutboxMessages.AsNoTracking().ToListAsync()).Where(m => m.Payload.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)).ToList());

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
