namespace Modular.Core.Documents;

/// <summary>
/// The document port: HTML in, PDF out. Modules render documents (invoices, receipts) as HTML from templates and
/// ask this port for the PDF. The shipped adapter prints with headless Chromium (package
/// <c>Modular.Documents.Chromium</c>); an integrator can register another implementation.
/// </summary>
public interface IPdfRenderer
{
    /// <summary>False when this host cannot produce PDFs; callers then offer the HTML (print view) instead.</summary>
    bool IsAvailable { get; }

    /// <summary>Why PDFs are unavailable, for logs and the user; null when available.</summary>
    string? UnavailableReason { get; }

    Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken = default);
}

public sealed class PdfUnavailableException(string reason) : Exception("PDF documents are unavailable in this host: " + reason);

/// <summary>The default when no PDF adapter is added: says clearly that PDFs are unavailable.</summary>
public sealed class UnavailablePdfRenderer : IPdfRenderer
{
    public bool IsAvailable => false;

    public string? UnavailableReason => "no PDF renderer is configured (add Modular.Documents.Chromium and call UseChromiumPdf()).";

    public Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken = default) =>
        throw new PdfUnavailableException(UnavailableReason!);
}
