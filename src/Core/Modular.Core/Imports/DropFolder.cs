using System.Text.Json;
using Modular.Core.Outbox;
using Modular.Core.Results;

namespace Modular.Core.Imports;

/// <summary>
/// A folder partners and field systems drop files into for a scheduled import. Once a file's import ran it is moved, with
/// its companions (a zip of documents beside it), to <c>done/</c> with the import's report beside it, or to <c>failed/</c>
/// with the reasons; imports are idempotent, so a file dropped twice adds nothing twice. The schedule's lease keeps one
/// runner on the folder at a time.
/// </summary>
public sealed class DropFolder(string path)
{
    private int _done;
    private int _failed;

    public string Path { get; } = path;

    /// <summary>What the run did, for the schedule's journal.</summary>
    public string Summary => $"{_done} file(s) imported, {_failed} set aside in failed/.";

    /// <summary>The files matching <paramref name="pattern"/> in <paramref name="subfolder"/> (or the folder itself), in name order.</summary>
    public IEnumerable<string> Files(string pattern, string? subfolder = null)
    {
        var folder = subfolder is null ? Path : System.IO.Path.Combine(Path, subfolder);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal) : [];
    }

    /// <summary>The folders inside <paramref name="subfolder"/> (a partner's own folder), in name order.</summary>
    public IEnumerable<string> Directories(string subfolder)
    {
        var folder = System.IO.Path.Combine(Path, subfolder);
        return Directory.Exists(folder) ? Directory.GetDirectories(folder).Order(StringComparer.Ordinal) : [];
    }

    /// <summary>Files <paramref name="file"/> (and any existing <paramref name="companions"/>) by the outcome of its import.</summary>
    public async Task<bool> SettleAsync<TReport>(string file, Result<TReport> result, IEnumerable<string>? companions = null, CancellationToken cancellationToken = default)
    {
        var target = System.IO.Path.Combine(Path, result.IsSuccess ? "done" : "failed");
        Directory.CreateDirectory(target);
        var name = System.IO.Path.GetFileName(file);
        File.Move(file, System.IO.Path.Combine(target, name), overwrite: true);
        foreach (var companion in (companions ?? []).Where(File.Exists))
        {
            File.Move(companion, System.IO.Path.Combine(target, System.IO.Path.GetFileName(companion)), overwrite: true);
        }

        var report = result.IsSuccess
            ? JsonSerializer.Serialize(result.Value, IntegrationEventSerializer.Options)
            : string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString()));
        await File.WriteAllTextAsync(System.IO.Path.Combine(target, name + ".report.txt"), report, cancellationToken);
        if (result.IsSuccess)
        {
            _done++;
        }
        else
        {
            _failed++;
        }

        return result.IsSuccess;
    }
}
