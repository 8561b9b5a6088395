namespace Modular.Requests.Domain;

/// <summary>
/// Recognises a file's type from its first bytes (magic numbers), never from its name or what the browser claimed: an
/// executable named <c>.pdf</c> is not a PDF.
/// </summary>
internal static class FileSniffer
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    private static readonly (string Type, byte[] Magic)[] Signatures =
    [
        (Pdf, "%PDF-"u8.ToArray()),
        (Jpeg, [0xFF, 0xD8, 0xFF]),
        (Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    /// <summary>The recognised type, or null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        foreach (var (type, magic) in Signatures)
        {
            if (content.StartsWith(magic))
            {
                return type;
            }
        }

        return null;
    }

    public static string Extension(string type) => type switch
    {
        Pdf => ".pdf",
        Jpeg => ".jpg",
        Png => ".png",
        _ => string.Empty,
    };
}
