using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Imports;
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

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var folder = new DropFolder(Path.GetFullPath(options.Value.ActImportFolder, environment.ContentRootPath));
        foreach (var file in folder.Files("*.csv"))
        {
            var zip = Path.ChangeExtension(file, ".zip");
            Result<ActImportReport> result;
            await using (var csv = File.OpenRead(file))
            await using (var documents = File.Exists(zip) ? File.OpenRead(zip) : null)
            {
                result = await mediator.Send(new ImportActs(csv, documents), cancellationToken);
            }

            await folder.SettleAsync(file, result, [zip], cancellationToken);
            logger.LogInformation("Imported acts from {File}: {Outcome}", Path.GetFileName(file), result.IsSuccess ? "done" : "failed");
        }

        return folder.Summary;
    }
}
