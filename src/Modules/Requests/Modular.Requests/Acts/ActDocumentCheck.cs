using System.Text;
using Modular.Core.Results;

namespace Modular.Requests.Acts;

/// <summary>Checks a signed act by its content: a PDF header at the start and an end-of-file marker near the end, within the size limit.</summary>
internal static class ActDocumentCheck
{
    public const string ContentType = "application/pdf";

    private static readonly byte[] Header = Encoding.ASCII.GetBytes("%PDF-");
    private static readonly byte[] Trailer = Encoding.ASCII.GetBytes("%%EOF");

    /// <summary>The act's key in the module's file store (<see cref="Files.IRequestFileStore"/>); the folder store takes letters, digits and slashes.</summary>
    public static string KeyOf(Guid actId) => $"acts/{actId:N}";

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
