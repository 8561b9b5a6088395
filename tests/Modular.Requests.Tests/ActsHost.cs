using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Autofac;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Results;
using Modular.Readings;
using Modular.Readings.Contracts;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;
using NodaTime;
using Shouldly;

namespace Modular.Requests.Tests;

/// <summary>The contracts and portal users the Accounts double answers from, set up by each test.</summary>
public sealed class ActsWorld
{
    public ConcurrentDictionary<Guid, ContractSummary> Contracts { get; } = new();

    /// <summary>Portal users and the customer each may see.</summary>
    public ConcurrentDictionary<Guid, Guid> UserCustomers { get; } = new();

    public ContractSummary AddContract(Guid? customerId = null)
    {
        var id = Guid.NewGuid();
        var contract = new ContractSummary(id, "CT-" + id.ToString("N")[..10].ToUpperInvariant(), customerId ?? Guid.NewGuid(), "CL" + id.ToString("N")[..6], "Ștefan Țăranu",
            LegalType.Individual, "Str. Mihai Viteazu 1, Brașov", ConnectedServices.Water, new LocalDate(2020, 1, 1), null);
        Contracts[id] = contract;
        return contract;
    }

    /// <summary>A portal user of <paramref name="customerId"/>.</summary>
    public Caller UserOf(Guid customerId)
    {
        var user = Guid.NewGuid();
        UserCustomers[user] = customerId;
        return Caller.Customer(user, culture: "ro");
    }

    internal AccessScope ScopeOf(Guid customerId) =>
        new(false, new HashSet<Guid> { customerId }, Contracts.Values.Where(c => c.CustomerId == customerId).Select(c => c.ContractId).ToHashSet());
}

/// <summary>Stands in for the Accounts module: contracts by number and portal users' scopes from <see cref="ActsWorld"/>.</summary>
public sealed class AccountsDouble(ActsWorld world) : ModularModule
{
    public override string Name => "Accounts";

    protected override bool Includes(Type type) => type == typeof(FindContractsByNumberHandler);

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterInstance(world);
        builder.RegisterType<WorldScopes>().As<IAccessScopeProvider>();
    }
}

internal sealed class WorldScopes(ActsWorld world) : IAccessScopeProvider
{
    public Task<AccessScope> GetScopeAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(world.UserCustomers.TryGetValue(userId, out var customer) ? world.ScopeOf(customer) : AccessScope.Nothing);

    public Task<AccessScope> GetCustomerScopeAsync(Guid customerId, CancellationToken cancellationToken) => Task.FromResult(world.ScopeOf(customerId));
}

internal sealed class FindContractsByNumberHandler(ActsWorld world) : IRequestHandler<FindContractsByNumber, Result<IReadOnlyList<ContractSummary>>>
{
    public Task<Result<IReadOnlyList<ContractSummary>>> Handle(FindContractsByNumber request, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<IReadOnlyList<ContractSummary>>(
            world.Contracts.Values.Where(c => request.ContractNumbers.Contains(c.ContractNumber)).ToList()));
}

/// <summary>A host with Requests, the real Readings, the Accounts double and the Billing stand-in; today is 2026-11-26 in Bucharest.</summary>
internal sealed class ActsHost(TestHost host, ActsWorld world) : IAsyncDisposable
{
    public static readonly LocalDate Today = new(2026, 11, 26);

    public TestHost Host { get; } = host;

    public ActsWorld World { get; } = world;

    /// <summary>A prefix that keeps this test's act numbers apart from the other tests' on the class's shared database.</summary>
    public string Prefix { get; } = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public static async Task<ActsHost> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var world = new ActsWorld();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Modular:Time:TimeZone"] = "Europe/Bucharest" };
        var clock = new FakeClock(RequestsHost.LocalAt("Europe/Bucharest", 2026, 11, 26, 12));
        var host = await TestHost.StartAsync(database, m => m.AddModule(new AccountsDouble(world)).AddReadings().AddModule(new FakeBillingModule()).AddRequests(), all, clock);
        return new ActsHost(host, world);
    }

    public Task<T> SendAsync<T>(IRequest<T> request, ICurrentUser? user = null) => Host.SendAsync(request, user);

    public static Caller Staff(params string[] roles) => Caller.Staff(Guid.NewGuid(), roles);

    public static Caller Supervisor => Staff(StaffRoles.Supervisor);

    public string Number(int n) => $"{Prefix}-{n:D4}";

    public RegisterAct Act(ContractSummary contract, int n, string findings = "Seal intact, no leaks.", ActType type = ActType.Verification,
        LocalDate? on = null, IReadOnlyList<ActReadingTaken>? readings = null, ActDocumentUpload? document = null) =>
        new(Number(n), contract.ContractNumber, type, on ?? new LocalDate(2026, 11, 20), "I. Popescu (F-112)", findings, readings ?? [], document);

    public async Task<ActImportReport> ImportAsync(string csv, Stream? documents = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var result = await SendAsync(new ImportActs(stream, documents));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    public Task<List<Domain.Act>> ActsAsync() =>
        Host.WithContextAsync<RequestsDbContext, List<Domain.Act>>(db =>
            db.Acts.AsNoTracking().Include(a => a.Readings).Where(a => a.Number.StartsWith(Prefix)).ToListAsync());

    public async Task<Guid> MeterAsync(ContractSummary contract, string serial, decimal initial = 100m)
    {
        var result = await SendAsync(new RegisterMeter(serial, contract.ContractId, 5, 3, new LocalDate(2025, 1, 10), initial, null, true));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    public async Task<IReadOnlyList<ReadingView>> ReadingsAsync(Guid meterId)
    {
        var result = await SendAsync(new GetReadingHistory(meterId, null));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    /// <summary>A zip of PDFs (or anything) by entry name.</summary>
    public static MemoryStream Zip(params (string Name, byte[] Content)[] entries)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        zip.Position = 0;
        return zip;
    }

    public static byte[] Pdf(string text = "signed act") => DemoData.ActsDemo.Pdf(text);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
