using MediatR;
using NodaTime;

namespace Modular.Core.Demo;

/// <summary>
/// A module's demo data (customers, meters, invoices, …), loaded when a host asks for it (<c>Modular:Demo:Enabled</c> or
/// <c>.UseDemoData()</c>) into an empty database only, never in Production. A module registers its implementation with
/// <see cref="Composition.ModuleServices.AddDemoData{TDemoData}"/>; the loader resolves it in a system caller's scope and
/// calls the modules in dependency order, so a module finds the demo data of the modules it depends on.
/// </summary>
public interface IDemoData
{
    /// <summary>Whether the module already holds data of its own; demo data is loaded only when no module does.</summary>
    Task<bool> HasDataAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Loads the module's demo data through its requests. Must be re-runnable: a load interrupted half-way (a killed
    /// process) is taken over by the next start and runs this again over what the first attempt left.
    /// </summary>
    Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken);

    /// <summary>Lines worth showing whoever started the host while the demo data is in place (e.g. the demo login).</summary>
    IEnumerable<string> Describe() => [];
}

/// <summary>What a module's demo data is loaded with: a mediator in a system caller's scope, the utility's today and a seed.</summary>
public sealed record DemoDataContext(IMediator Mediator, LocalDate Today, int Seed);

/// <summary>A module's <see cref="IDemoData"/> implementation, registered by the module.</summary>
internal sealed record DemoDataSource(string Module, Type Type, IReadOnlyList<string> After);

/// <summary>What the loaded demo data offers (the demo login …), for a host to show at start.</summary>
public sealed class DemoDataReport
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    internal void Set(IEnumerable<string> lines)
    {
        lock (_lines)
        {
            _lines.Clear();
            _lines.AddRange(lines);
        }
    }
}
