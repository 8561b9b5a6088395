using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using Modular.Core.Files;
using Modular.Core.Time;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;

namespace Modular.Requests.Files;

/// <summary>
/// Port: where attachments' bytes are kept, by a key the module chooses (unique, never reused). The default keeps them in
/// the module's database, written with the request in one transaction; <c>FileStore = Folder</c> keeps them as files.
/// A host may register its own (object storage) after <c>AddRequests()</c>.
/// </summary>
public interface IRequestFileStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> (a database store within the current command's transaction).</summary>
    Task SaveAsync(string key, byte[] content, CancellationToken cancellationToken);

    /// <summary>The bytes stored under <paramref name="key"/>, or null when there are none.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Attachments in the module's table <c>files</c>: saved with the request they belong to, or not at all.</summary>
internal sealed class DatabaseFileStore(RequestsDbContext db, UtilityClock clock) : IRequestFileStore
{
    public Task SaveAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        db.Files.Add(new StoredFile { Key = key, Content = content, StoredAt = clock.Now });
        return Task.CompletedTask;
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken) =>
        await db.Files.AsNoTracking().Where(f => f.Key == key).Select(f => f.Content).SingleOrDefaultAsync(cancellationToken);
}

/// <summary>
/// Attachments as files under <see cref="RequestsOptions.FileFolder"/>. A file is written before the request is saved, so a
/// submission that fails afterwards leaves an unreferenced file behind (never a request without its file).
/// </summary>
internal sealed class FolderFileStore(IOptions<RequestsOptions> options, DataFolder data) : IRequestFileStore
{
    private string Root => data.Combine(options.Value.FileFolder);

    public async Task SaveAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAllBytesAsync(PathOf(key), content, cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    private string PathOf(string key)
    {
        // Keys are the module's own (yyyy/MM/guid); anything else never leaves the folder.
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '-')) || key.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException("Not a request file key: " + key, nameof(key));
        }

        return Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
