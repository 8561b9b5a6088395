using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Modular.Core.Diagnostics;

/// <summary>
/// The one activity source and meter every Modular package reports through (name <c>Modular</c>); a host exports them
/// with OpenTelemetry or any listener. Instruments are created next to the mechanism they measure.
/// </summary>
public static class ModularDiagnostics
{
    public const string Name = "Modular";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}
