using Autofac;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Payments.Contracts;

namespace Modular.Worker.Jobs;

/// <summary>
/// Imports what partners and banks drop into the import folder: <c>partners/{Partner}/*.csv</c> and <c>bank/*.xml</c>.
/// A file is moved to <c>done/</c> when its import ran (its report beside it) or to <c>failed/</c> with the reason;
/// imports are idempotent, so a file dropped twice adds nothing twice.
/// </summary>
internal sealed class ImportFolderJob(ILifetimeScope root, IHostEnvironment environment, IOptions<WorkerOptions> options, ILogger<ImportFolderJob> logger)
    : ScheduledJob(root, logger)
{
    private string Folder => Path.GetFullPath(options.Value.ImportFolder, environment.ContentRootPath);

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.ImportIntervalMinutes);

    public override async Task RunOnceAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        var partners = Path.Combine(Folder, "partners");
        if (Directory.Exists(partners))
        {
            foreach (var partnerFolder in Directory.GetDirectories(partners))
            {
                var partner = Path.GetFileName(partnerFolder);
                foreach (var file in Directory.GetFiles(partnerFolder, "*.csv").Order(StringComparer.Ordinal))
                {
                    await ImportAsync(file, stream => mediator.Send(new ImportPartnerFile(partner, stream, Path.GetFileName(file)), cancellationToken));
                }
            }
        }

        var bank = Path.Combine(Folder, "bank");
        if (Directory.Exists(bank))
        {
            foreach (var file in Directory.GetFiles(bank, "*.xml").Order(StringComparer.Ordinal))
            {
                await ImportAsync(file, stream => mediator.Send(new ImportBankStatement(stream, Path.GetFileName(file)), cancellationToken));
            }
        }
    }

    private async Task ImportAsync(string file, Func<Stream, Task<Modular.Core.Results.Result<ImportReport>>> import)
    {
        Modular.Core.Results.Result<ImportReport> result;
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
            ? System.Text.Json.JsonSerializer.Serialize(result.Value, Modular.Core.Outbox.IntegrationEventSerializer.Options)
            : string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString()));
        await File.WriteAllTextAsync(Path.Combine(target, name + ".report.txt"), summary);
        logger.LogInformation("Imported {File}: {Outcome}", name, outcome);
    }
}
