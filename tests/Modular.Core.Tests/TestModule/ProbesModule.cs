using System.Collections.Concurrent;
using Autofac;
using Modular.Core.Access;
using Modular.Core.Composition;
using Modular.Core.Results;
using Modular.Core.Schedules;

namespace Modular.Core.Tests.TestModule;

/// <summary>A module that declares the scheduled jobs a test asks for; each runs a <see cref="ProbeScript"/> step.</summary>
public sealed class ProbesModule(ProbeScript script) : ModularModule
{
    public override string Name => "Probes";

    public override void ConfigureServices(ModuleServices services)
    {
        foreach (var (name, cron) in script.Jobs)
        {
            services.AddScheduledJob<ProbeJob>(name, cron);
        }
    }

    protected override void Register(ContainerBuilder builder) => builder.RegisterInstance(script);
}

/// <summary>The jobs of one test (unique names, so tests sharing a database don't meet) and what each run does.</summary>
public sealed class ProbeScript
{
    private readonly ConcurrentDictionary<string, Func<ScheduledRun, CancellationToken, Task<Result<string>>>> _steps = new();

    public ProbeScript(params (string Suffix, string Cron)[] jobs)
    {
        var prefix = "Probe" + Guid.NewGuid().ToString("N")[..8];
        Jobs = jobs.Select(j => (prefix + j.Suffix, j.Cron)).ToList();
    }

    public IReadOnlyList<(string Name, string Cron)> Jobs { get; }

    public string this[int index] => Jobs[index].Name;

    /// <summary>Every run, in the order they started, with the caller the job ran as.</summary>
    public ConcurrentQueue<(ScheduledRun Run, ICurrentUser Caller)> Runs { get; } = new();

    public IReadOnlyList<ScheduledRun> RunsOf(string job) => Runs.Where(r => r.Run.Job == job).Select(r => r.Run).ToList();

    /// <summary>Replaces what the job does (by default: succeed with "done").</summary>
    public void On(string job, Func<ScheduledRun, CancellationToken, Task<Result<string>>> step) => _steps[job] = step;

    internal Task<Result<string>> RunAsync(ScheduledRun run, ICurrentUser caller, CancellationToken cancellationToken)
    {
        Runs.Enqueue((run, caller));
        return _steps.TryGetValue(run.Job, out var step) ? step(run, cancellationToken) : Task.FromResult<Result<string>>("done");
    }
}

internal sealed class ProbeJob(ProbeScript script, ICurrentUser caller) : IScheduledJob
{
    public Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken) => script.RunAsync(run, caller, cancellationToken);
}
