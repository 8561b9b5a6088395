using System.ComponentModel.DataAnnotations;

namespace Modular.Documents.Chromium;

/// <summary><c>Modular:Documents:Chromium</c>.</summary>
public sealed class ChromiumPdfOptions
{
    /// <summary>The system's Chromium; nothing is ever downloaded. When it is missing, PDFs are reported unavailable.</summary>
    [Required]
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";

    /// <summary>
    /// Size of the page pool: pages printing at the same time, each in its own browser context of one shared browser and
    /// reused document after document; more requests wait for a free page.
    /// </summary>
    [Range(1, 16)]
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>
    /// Documents one pooled page prints before it is closed and replaced by a fresh one, so a long-running host does not
    /// accumulate whatever a page keeps between documents.
    /// </summary>
    [Range(1, 1_000_000)]
    public int DocumentsPerPage { get; set; } = 500;

    /// <summary>Time allowed for one document (loading the HTML and printing it).</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Paper format understood by Chromium (A4, Letter, ...); the HTML's <c>@page</c> rule wins when present.</summary>
    [Required]
    public string Format { get; set; } = "A4";

    /// <summary>Chromium flags for a headless server (no sandbox in containers, no GPU, no background traffic).</summary>
    public string[] Arguments { get; set; } =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
}
