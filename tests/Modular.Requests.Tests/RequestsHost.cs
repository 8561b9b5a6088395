using System.Text;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Core.Outbox;
using Modular.Core.Results;
using Modular.Core.Testing;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;
using NodaTime;
using Shouldly;

namespace Modular.Requests.Tests;

/// <summary>A started host with the Requests module and doubles of Accounts, Readings and Billing on a test database.</summary>
internal sealed class RequestsHost(TestHost host, FakeWorld world) : IAsyncDisposable
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF];

    public TestHost Host { get; } = host;

    public FakeWorld World { get; } = world;

    public FakeClock Clock => Host.Clock;

    public static async Task<RequestsHost> StartAsync(TestDatabase database, string zone = "Europe/Bucharest", Instant? now = null,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var world = new FakeWorld();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Modular:Time:TimeZone"] = zone };
        var clock = new FakeClock(now ?? LocalAt(zone, 2026, 11, 26, 12));
        var host = await TestHost.StartAsync(database,
            m => m.AddModule(new FakeAccountsModule(world)).AddModule(new FakeReadingsModule()).AddModule(new FakeBillingModule()).AddRequests(),
            all, clock, services);
        return new RequestsHost(host, world);
    }

    public static Instant LocalAt(string zone, int year, int month, int day, int hour = 0, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb[zone]).ToInstant();

    public void SetLocal(int year, int month, int day, int hour = 12, int minute = 0)
    {
        var zone = Host.Container.Resolve<DateTimeZone>();
        Clock.Set(new LocalDateTime(year, month, day, hour, minute).InZoneLeniently(zone).ToInstant());
    }

    public Task<T> SendAsync<T>(MediatR.IRequest<T> request, ICurrentUser? user = null) => Host.SendAsync(request, user);

    public static Caller Staff(params string[] roles) => Caller.Staff(Guid.NewGuid(), roles);

    /// <summary>A customer with a contract and a meter, and a portal user linked to it.</summary>
    public (Customer Customer, Caller User) CustomerWithUser()
    {
        var customer = World.AddCustomer();
        return (customer, World.UserOf(customer.CustomerId));
    }

    public static SubmitRequest FreeMessage(string subject = "Program", string message = "Care este programul casieriei?", string? key = null,
        params AttachmentUpload[] files) =>
        new("free-message", new Dictionary<string, string?> { ["subject"] = subject, ["message"] = message }, files, key ?? Guid.NewGuid().ToString("N"));

    public async Task<SubmittedRequest> SubmitAsync(Caller user, SubmitRequest? request = null)
    {
        var result = await SendAsync(request ?? FreeMessage(), user);
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    public async Task<int> VersionOf(Guid requestId) =>
        await Host.WithContextAsync<RequestsDbContext, int>(db => db.Requests.Where(r => r.Id == requestId).Select(r => r.Version).SingleAsync());

    public async Task MoveAsync(Guid requestId, params RequestStatus[] steps)
    {
        var supervisor = Staff(StaffRoles.Supervisor);
        foreach (var step in steps)
        {
            Result result = step == RequestStatus.Assigned
                ? await SendAsync(new AssignRequest(requestId, supervisor.StaffId!.Value, await VersionOf(requestId)), supervisor)
                : await SendAsync(new ChangeRequestStatus(requestId, step, await VersionOf(requestId)), supervisor);
            result.IsSuccess.ShouldBeTrue(result.ToString());
        }
    }

    public Task<List<OutboxMessage>> EventsAbout(Guid id) =>
        Host.WithContextAsync<RequestsDbContext, List<OutboxMessage>>(async db =>
            (await db.OutboxMessages.AsNoTracking().ToListAsync()).Where(m => m.Payload.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)).ToList());

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
