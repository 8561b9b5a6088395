using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Core.Files;

namespace Modular.Core.Health;

/// <summary>
/// Writes the latest health report to a file, for hosts without HTTP (the worker): an orchestrator's probe reads it.
/// </summary>
public sealed class FileHealthPublisher(string path) : IHealthCheckPublisher
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var content = JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            entries = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        });
        await AtomicFile.WriteAllTextAsync(Path, content, cancellationToken);
    }
}
