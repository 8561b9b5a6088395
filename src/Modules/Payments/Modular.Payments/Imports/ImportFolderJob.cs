using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Outbox;
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

    private string Folder => Path.GetFullPath(options.Value.ImportFolder, environment.ContentRootPath);

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        int done = 0, failed = 0;
        var partners = Path.Combine(Folder, "partners");
        if (Directory.Exists(partners))
        {
            foreach (var partnerFolder in Directory.GetDirectories(partners))
            {
                var partner = Path.GetFileName(partnerFolder);
                foreach (var file in Directory.GetFiles(partnerFolder, "*.csv").Order(StringComparer.Ordinal))
                {
                    var ok = await ImportAsync(file, stream => mediator.Send(new ImportPartnerFile(partner, stream, Path.GetFileName(file)), cancellationToken));
                    (done, failed) = ok ? (done + 1, failed) : (done, failed + 1);
                }
            }
        }

        var bank = Path.Combine(Folder, "bank");
        if (Directory.Exists(bank))
        {
            foreach (var file in Directory.GetFiles(bank, "*.xml").Order(StringComparer.Ordinal))
            {
                var ok = await ImportAsync(file, stream => mediator.Send(new ImportBankStatement(stream, Path.GetFileName(file)), cancellationToken));
                (done, failed) = ok ? (done + 1, failed) : (done, failed + 1);
            }
        }

        return $"{done} file(s) imported, {failed} set aside in failed/.";
    }

    private async Task<bool> ImportAsync(string file, Func<Stream, Task<Result<ImportReport>>> import)
    {
        Result<ImportReport> result;
        await using (var stream = File.OpenRead(file))
        {
            result = await import(stream);
        }

        var outcome = result.IsSuccess ? "done" : "failed";
        var target = Path.Combine(Folder, outcome);
        Directory.CreateDirectory(target);
        var name = Path.GetFileName(file);
        File.Move(file, Path.Combine(target, name), overwrite: true);
        var summary = result.IsSuccess
            ? JsonSerializer.Serialize(result.Value, IntegrationEventSerializer.Options)
            : string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString()));
        await File.WriteAllTextAsync(Path.Combine(target, name + ".report.txt"), summary);
        logger.LogInformation("Imported {File}: {Outcome}", name, outcome);
        return result.IsSuccess;
    }
}
