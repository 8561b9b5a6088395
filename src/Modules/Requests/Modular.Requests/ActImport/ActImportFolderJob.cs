using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Outbox;
using Modular.Core.Results;
using Modular.Core.Schedules;
using Modular.Requests.Contracts;

namespace Modular.Requests.ActImport;

/// <summary>
/// Imports what the field system drops into <see cref="RequestsOptions.ActImportFolder"/>: each <c>*.csv</c>, with the signed
/// PDFs of a zip of the same name beside it (<c>2026-11-26.csv</c> and <c>2026-11-26.zip</c>). Files are moved to <c>done/</c>
/// when the import ran (its report beside them) or to <c>failed/</c> with the reason; the import is idempotent, so a file
/// dropped twice stores nothing twice. One runner at a time works the folder (the schedule's lease).
/// </summary>
internal sealed class ActImportFolderJob(IMediator mediator, IHostEnvironment environment, IOptions<RequestsOptions> options, ILogger<ActImportFolderJob> logger)
    : IScheduledJob
{
    public const string Name = "RequestsActImportFolder";

    /// <summary>Every 30 minutes.</summary>
    public const string DefaultCron = "*/30 * * * *";

    private string Folder => Path.GetFullPath(options.Value.ActImportFolder, environment.ContentRootPath);

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        int done = 0, failed = 0;
        if (Directory.Exists(Folder))
        {
            foreach (var file in Directory.GetFiles(Folder, "*.csv").Order(StringComparer.Ordinal))
            {
                var ok = await ImportAsync(file, cancellationToken);
                (done, failed) = ok ? (done + 1, failed) : (done, failed + 1);
            }
        }

        return $"{done} file(s) imported, {failed} set aside in failed/.";
    }

    private async Task<bool> ImportAsync(string file, CancellationToken cancellationToken)
    {
        var zip = Path.ChangeExtension(file, ".zip");
        Result<ActImportReport> result;
        await using (var csv = File.OpenRead(file))
        await using (var documents = File.Exists(zip) ? File.OpenRead(zip) : null)
        {
            result = await mediator.Send(new ImportActs(csv, documents), cancellationToken);
        }

        var outcome = result.IsSuccess ? "done" : "failed";
        var target = Path.Combine(Folder, outcome);
        Directory.CreateDirectory(target);
        var name = Path.GetFileName(file);
        File.Move(file, Path.Combine(target, name), overwrite: true);
        if (File.Exists(zip))
        {
            File.Move(zip, Path.Combine(target, Path.GetFileName(zip)), overwrite: true);
        }

        var summary = result.IsSuccess
            ? JsonSerializer.Serialize(result.Value, IntegrationEventSerializer.Options)
            : string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString()));
        await File.WriteAllTextAsync(Path.Combine(target, name + ".report.txt"), summary, cancellationToken);
        logger.LogInformation("Imported acts from {File}: {Outcome}", name, outcome);
        return result.IsSuccess;
    }
}
