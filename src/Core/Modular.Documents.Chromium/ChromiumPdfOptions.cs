using System.ComponentModel.DataAnnotations;

namespace Modular.Documents.Chromium;

/// <summary><c>Modular:Documents:Chromium</c>.</summary>
public sealed class ChromiumPdfOptions
{
    /// <summary>The system's Chromium; nothing is ever downloaded. When it is missing, PDFs are reported unavailable.</summary>
    [Required]
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";

    /// <summary>Pages printing at the same time (each is a tab of one shared browser); more requests wait.</summary>
    [Range(1, 16)]
    public int MaxConcurrency { get; set; } = 2;

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
