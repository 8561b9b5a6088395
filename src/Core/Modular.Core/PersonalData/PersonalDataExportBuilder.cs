using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Diagnostics;
using Modular.Core.Platform;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Core.PersonalData;

/// <summary>
/// Builds pending archives. Each request is claimed with a lease by one conditional update, built into a temporary
/// file from every registered <see cref="IPersonalDataSection"/>, and stored by a second conditional update that still
/// requires this builder's lease and the pending state: a builder that was killed leaves the request pending (another
/// takes it over once the lease ends), one that was overtaken or whose request was deleted (the account closed)
/// discards its file, so a request never yields two archives.
/// </summary>
internal sealed class PersonalDataExportBuilder(ILifetimeScope root, IClock clock, UtilityClock utility, IOptions<PersonalDataOptions> options,
    ILogger<PersonalDataExportBuilder> logger)
{
    private readonly string _owner = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", 100);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[^max..];

    /// <summary>Builds every pending request it can claim (each at most once per call); answers how many archives it stored.</summary>
    public async Task<int> BuildPendingAsync(CancellationToken cancellationToken)
    {
        var tried = new HashSet<Guid>();
        var built = 0;
        while (await ClaimNextAsync(tried, cancellationToken) is { } id)
        {
            tried.Add(id);
            if (await BuildAsync(id, cancellationToken))
            {
                built++;
            }
        }

        return built;
    }

    private async Task<Guid?> ClaimNextAsync(HashSet<Guid> tried, CancellationToken cancellationToken)
    {
        await using var scope = root.BeginCallerScope(SystemUser.Instance);
        var db = scope.Resolve<CoreDbContext>();
        var now = clock.GetCurrentInstant();
        var candidates = await db.Set<PersonalDataExport>().AsNoTracking()
            .Where(e => e.Status == PersonalDataExportStatus.Pending && (e.LeaseUntil == null || e.LeaseUntil < now))
            .OrderBy(e => e.RequestedAt).Select(e => e.Id).Take(tried.Count + 10).ToListAsync(cancellationToken);
        foreach (var id in candidates.Where(c => !tried.Contains(c)))
        {
            var until = now + Duration.FromSeconds(options.Value.LeaseSeconds);
            var claimed = await db.Set<PersonalDataExport>()
                .Where(e => e.Id == id && e.Status == PersonalDataExportStatus.Pending && (e.LeaseUntil == null || e.LeaseUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.LeaseOwner, _owner).SetProperty(e => e.LeaseUntil, until)
                    .SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken);
            if (claimed == 1)
            {
                return id;
            }
        }

        return null;
    }

    private async Task<bool> BuildAsync(Guid id, CancellationToken cancellationToken)
    {
        using var activity = ModularDiagnostics.ActivitySource.StartActivity("personal data export");
        var started = Stopwatch.GetTimestamp();
        await using var scope = root.BeginCallerScope(SystemUser.Instance);
        var db = scope.Resolve<CoreDbContext>();
        var export = await db.Set<PersonalDataExport>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.UserId, e.RequestedAt }).SingleOrDefaultAsync(cancellationToken);
        if (export is null)
        {
            return false;
        }

        var subject = scope.ResolveOptional<IPersonalDataSubjects>() is { } subjects
            ? await subjects.FindAsync(export.UserId, cancellationToken)
            : new PersonalDataSubject(export.UserId, [], []);
        if (subject is null)
        {
            // The account is gone (closed): nothing to build for it.
            await db.Set<PersonalDataExport>().Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
            return false;
        }

        var path = Path.Combine(Path.GetTempPath(), $"modular-export-{id:N}-{Guid.NewGuid():N}.zip");
        try
        {
            var now = clock.GetCurrentInstant();
            try
            {
                await WriteArchiveAsync(path, scope, subject, now, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Give the request back; it is built again from the start after a pause that doubles with each failure
                // (from the poll interval up to an hour), so a section that keeps failing is not retried on every pass.
                var attempts = await db.Set<PersonalDataExport>().Where(x => x.Id == id).Select(x => x.Attempts).SingleOrDefaultAsync(CancellationToken.None);
                var pause = Duration.FromSeconds(Math.Min(3600, options.Value.PollSeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
                logger.LogError(e, "Personal data export {ExportId} failed (attempt {Attempts}); it stays pending and is tried again in {Pause}", id, attempts, pause);
                var retryAt = clock.GetCurrentInstant() + pause;
                await db.Set<PersonalDataExport>().Where(x => x.Id == id && x.LeaseOwner == _owner)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (Instant?)retryAt), CancellationToken.None);
                return false;
            }

            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            var ready = clock.GetCurrentInstant();
            var expires = ready + Duration.FromDays(options.Value.ArchiveDays);
            // Named after the day in the utility's zone, as the customer sees dates everywhere else.
            var fileName = $"my-data-{utility.DateOf(now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.zip";
            var stored = await db.Set<PersonalDataExport>()
                .Where(x => x.Id == id && x.LeaseOwner == _owner && x.Status == PersonalDataExportStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, PersonalDataExportStatus.Ready)
                    .SetProperty(x => x.Content, content).SetProperty(x => x.Size, (long?)content.LongLength)
                    .SetProperty(x => x.FileName, fileName).SetProperty(x => x.ReadyAt, ready).SetProperty(x => x.ExpiresAt, expires)
                    .SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (Instant?)null), cancellationToken);
            if (stored == 0)
            {
                logger.LogWarning("Personal data export {ExportId} was deleted or taken over while it was built; this copy is discarded", id);
                return false;
            }

            logger.LogInformation("Personal data export {ExportId} of user {UserId} built: {Size} bytes in {Elapsed} ms", id, export.UserId,
                content.LongLength, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WriteArchiveAsync(string path, ILifetimeScope scope, PersonalDataSubject subject, Instant now, CancellationToken cancellationToken)
    {
        var files = new List<PersonalDataFile>();
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
        await using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: false);
        // The modules' sections in their composition order, then Core's audit of the user's own actions.
        var sections = scope.Resolve<IEnumerable<IPersonalDataSection>>().OrderBy(s => s is AuditSection).ToList();
        foreach (var section in sections)
        {
            await section.WriteAsync(subject, new PersonalDataWriter(zip, section.Name, files), cancellationToken);
        }

        var manifest = new PersonalDataManifest(now, subject.UserId, subject.CustomerIds, sections.Select(s => s.Name).ToList(), files);
        await using (var entry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal).Open())
        {
            await System.Text.Json.JsonSerializer.SerializeAsync(entry, manifest, PersonalDataWriter.JsonOptions, cancellationToken);
        }

        await using (var entry = zip.CreateEntry("README.txt", CompressionLevel.Optimal).Open())
        await using (var text = new StreamWriter(entry, new UTF8Encoding(false)))
        {
            await text.WriteAsync(Readme(manifest));
        }
    }

    private static string Readme(PersonalDataManifest manifest)
    {
        var text = new StringBuilder();
        text.AppendLine("Your data held by the utility's customer portal").AppendLine()
            .AppendLine($"Built at {manifest.GeneratedAt} (UTC) for portal user {manifest.UserId}.")
            .AppendLine("JSON files use ISO dates and invariant numbers; CSV files are UTF-8 with one header row, invariant numbers")
            .AppendLine("(a dot before decimals) and the currency in its own column. manifest.json lists the same files.").AppendLine();
        foreach (var file in manifest.Files)
        {
            text.Append(file.Path).Append(" – ").Append(file.Description);
            if (file.Rows is { } rows)
            {
                text.Append(" (").Append(rows).Append(rows == 1 ? " row)" : " rows)");
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>The archive's <c>manifest.json</c>: what it holds and for whom.</summary>
public sealed record PersonalDataManifest(Instant GeneratedAt, Guid UserId, IReadOnlyList<Guid> CustomerIds, IReadOnlyList<string> Sections,
    IReadOnlyList<PersonalDataFile> Files);
