using System.ComponentModel.DataAnnotations;
using Autofac;
using Modular.Core.Composition;

namespace Modular.Core.Tests.TestModule;

/// <summary>A small module used to exercise Core end to end: storage, pipeline, outbox and inbox.</summary>
public sealed class CountersModule(params string[] dependsOn) : ModularModule
{
    public override string Name => "Counters";

    public override IReadOnlyCollection<string> DependsOn => dependsOn;

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<CountersOptions>();
        services.AddDbContext<CountersDbContext>();
        services.AddResources();
        services.AddDemoData<CountersDemoData>();
    }

    // The test assembly holds other modules too (Tally): Counters is what lives in its own namespace.
    protected override bool Includes(Type type) => type.Namespace == typeof(CountersModule).Namespace;

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterType<ConsumerFaults>().SingleInstance();
        builder.RegisterType<Messages>().SingleInstance();
    }
}

public sealed class CountersOptions
{
    [Range(1, 1000)]
    public int MaxIncrement { get; set; } = 100;

    /// <summary>Makes the demo data fail after its first counter, as a process killed half-way would leave it.</summary>
    public bool DemoFailsAfterFirstCounter { get; set; }
}

public sealed class OtherModule(string name, params string[] dependsOn) : ModularModule
{
    public override string Name => name;

    public override IReadOnlyCollection<string> DependsOn => dependsOn;

    protected override bool Includes(Type type) => false;
}

/// <summary>What left the system (think: emails sent), per event; a send can be made to fail.</summary>
public sealed class Messages
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Guid> _sent = new();
    private int _failures;

    private int _sends;
    private int _failAt = -1;

    public void FailNext(int times) => Interlocked.Exchange(ref _failures, times);

    /// <summary>Makes the <paramref name="nth"/> send from now on (1-based) fail once.</summary>
    public void FailSend(int nth)
    {
        Interlocked.Exchange(ref _sends, 0);
        Interlocked.Exchange(ref _failAt, nth);
    }

    public int SentFor(Guid eventId) => _sent.Count(id => id == eventId);

    public int Sent => _sent.Count;

    public void Send(Guid eventId)
    {
        if (Interlocked.Decrement(ref _failures) >= 0 || Interlocked.Increment(ref _sends) == Volatile.Read(ref _failAt))
        {
            throw new InvalidOperationException("The mail server refused the message.");
        }

        _sent.Enqueue(eventId);
    }
}

/// <summary>Lets a test make a consumer fail a given number of times.</summary>
public sealed class ConsumerFaults
{
    private int _remaining;

    public void FailNext(int times) => Interlocked.Exchange(ref _remaining, times);

    public bool ShouldFail() => Interlocked.Decrement(ref _remaining) >= 0;

    /// <summary>Events of this counter name always fail in the flaky consumer (a poison message), until cleared.</summary>
    public string? Poison { get; set; }

    private CancellationTokenSource? _stop;
    private int _deliveriesBeforeStop;

    /// <summary>Simulates a dispatcher killed mid-batch: cancels <paramref name="stop"/> after the given number of deliveries.</summary>
    public void StopAfter(int deliveries, CancellationTokenSource stop)
    {
        _deliveriesBeforeStop = deliveries;
        _stop = stop;
    }

    public void Delivered()
    {
        if (_stop is not null && Interlocked.Decrement(ref _deliveriesBeforeStop) == 0)
        {
            _stop.Cancel();
        }
    }
}
