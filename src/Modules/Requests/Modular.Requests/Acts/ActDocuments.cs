using System.Text;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;
using NodaTime;

namespace Modular.Requests.Acts;

/// <summary>
/// Where signed acts' bytes are kept. The module's file store port (for requests' attachments) was not there when acts were
/// written; this small port stores into the same <c>files</c> table under keys <c>acts/{actId}.pdf</c> and is the one place to
/// switch to it.
/// </summary>
internal interface IActDocumentStore
{
    /// <summary>Adds the bytes under <paramref name="key"/> to the context's pending changes (saved with the act).</summary>
    void Add(string key, byte[] content);

    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The database implementation: the <c>files</c> table, in the act's own transaction.</summary>
internal sealed class DatabaseActDocumentStore(RequestsDbContext db, IClock clock) : IActDocumentStore
{
    public void Add(string key, byte[] content) => db.Files.Add(new StoredFile { Key = key, Content = content, StoredAt = clock.GetCurrentInstant() });

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken) =>
        await db.Files.AsNoTracking().Where(f => f.Key == key).Select(f => f.Content).SingleOrDefaultAsync(cancellationToken);
}

/// <summary>Checks a signed act by its content: a PDF header at the start and an end-of-file marker near the end, within the size limit.</summary>
internal static class ActDocumentCheck
{
    public const string ContentType = "application/pdf";

    private static readonly byte[] Header = Encoding.ASCII.GetBytes("%PDF-");
    private static readonly byte[] Trailer = Encoding.ASCII.GetBytes("%%EOF");

    public static string KeyOf(Guid actId) => $"acts/{actId:N}.pdf";

    public static bool IsPdf(ReadOnlySpan<byte> content)
    {
        if (content.Length < 16 || !content.StartsWith(Header) || !char.IsAsciiDigit((char)content[5]))
        {
            return false;
        }

        var tail = content[Math.Max(0, content.Length - 1024)..];
        return tail.IndexOf(Trailer) >= 0;
    }

    /// <summary>The error for a document that may not be stored (field <c>Document</c>), or null.</summary>
    public static Error? Check(ReadOnlySpan<byte> content, int maxBytes) =>
        content.Length > maxBytes ? Error.Of(RequestsErrors.ActDocumentTooLarge, "Document", ("max", Megabytes(maxBytes)))
        : !IsPdf(content) ? Error.Of(RequestsErrors.ActDocumentNotPdf, "Document")
        : null;

    public static string Megabytes(int bytes) => (bytes / (1024m * 1024m)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A file name safe to give back in a download header.</summary>
    public static string FileNameFor(string number) =>
        string.Concat(number.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".pdf";
}
