using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Imports;
using Modular.Core.Results;
using Modular.Core.Schedules;
using Modular.Payments.Contracts;

namespace Modular.Payments.Imports;

/// <summary>
/// Imports what partners and banks drop into <see cref="PaymentsOptions.ImportFolder"/>: <c>partners/{Partner}/*.csv</c>
/// and <c>bank/*.xml</c>. A file is moved to <c>done/</c> when its import ran (its report beside it) or to <c>failed/</c>
/// with the reason; imports are idempotent, so a file dropped twice adds nothing twice. One runner at a time works the
/// folder (the schedule's lease), so two instances never import the same file at once.
/// </summary>
internal sealed class ImportFolderJob(IMediator mediator, IHostEnvironment environment, IOptions<PaymentsOptions> options, ILogger<ImportFolderJob> logger)
    : IScheduledJob
{
    public const string Name = "PaymentsImportFolder";

    /// <summary>Every 15 minutes: partner payments must show in the portal within 3 days.</summary>
    public const string DefaultCron = "*/15 * * * *";

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var folder = new DropFolder(Path.GetFullPath(options.Value.ImportFolder, environment.ContentRootPath));
        foreach (var partnerFolder in folder.Directories("partners"))
        {
            var partner = Path.GetFileName(partnerFolder);
            foreach (var file in folder.Files("*.csv", Path.Combine("partners", partner)))
            {
                Result<ImportReport> result;
                await using (var stream = File.OpenRead(file))
                {
                    result = await mediator.Send(new ImportPartnerFile(partner, stream, Path.GetFileName(file)), cancellationToken);
                }

                await SettleAsync(folder, file, result, cancellationToken);
            }
        }

        foreach (var file in folder.Files("*.xml", "bank"))
        {
            Result<ImportReport> result;
            await using (var stream = File.OpenRead(file))
            {
                result = await mediator.Send(new ImportBankStatement(stream, Path.GetFileName(file)), cancellationToken);
            }

            await SettleAsync(folder, file, result, cancellationToken);
        }

        return folder.Summary;
    }

    private async Task SettleAsync(DropFolder folder, string file, Result<ImportReport> result, CancellationToken cancellationToken)
    {
        await folder.SettleAsync(file, result, cancellationToken: cancellationToken);
        logger.LogInformation("Imported {File}: {Outcome}", Path.GetFileName(file), result.IsSuccess ? "done" : "failed");
    }
}
