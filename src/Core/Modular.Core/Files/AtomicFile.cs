namespace Modular.Core.Files;

/// <summary>
/// Writes a file beside its final name and renames it into place, so a reader (a pickup folder's watcher, a probe, a
/// process killed half-way) sees the old file, the whole new one or none, never part of it.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        var temporary = TemporaryBeside(path);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await write(stream, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The same for a caller that cannot wait asynchronously (a value recorded while a host starts).</summary>
    public static void WriteAllText(string path, string content)
    {
        var temporary = TemporaryBeside(path);
        try
        {
            File.WriteAllText(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async (stream, ct) => await stream.WriteAsync(content, ct), cancellationToken);

    public static Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken = default) =>
        WriteAllBytesAsync(path, System.Text.Encoding.UTF8.GetBytes(content), cancellationToken);

    private static string TemporaryBeside(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Unique, so two writers of the same name never share a temporary file; ".tmp" keeps it out of readers' patterns.
        return path + "." + Guid.NewGuid().ToString("N") + ".tmp";
    }

    /// <summary>
    /// Lets <paramref name="write"/> put files into a private folder under <paramref name="folder"/> (for writers that
    /// only take a folder, such as a mail client's pickup), then moves each into <paramref name="folder"/> whole.
    /// </summary>
    public static async Task StageIntoAsync(string folder, Func<string, Task> write)
    {
        var staging = Directory.CreateDirectory(Path.Combine(folder, ".staging", Guid.NewGuid().ToString("N")));
        try
        {
            await write(staging.FullName);
            foreach (var file in staging.GetFiles())
            {
                file.MoveTo(Path.Combine(folder, file.Name), overwrite: true);
            }
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }
}
