using System.Diagnostics;

namespace Modular.Billing.Tests;

/// <summary>Extracts a PDF's text with Debian's pdftotext (poppler-utils).</summary>
public static class Pdf
{
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"modular-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext could not start (install poppler-utils).");
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? text : throw new InvalidOperationException("pdftotext failed: " + await process.StandardError.ReadToEndAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
