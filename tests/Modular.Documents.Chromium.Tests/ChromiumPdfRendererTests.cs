using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Modular.Core.Documents;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Documents.Chromium.Tests;

public sealed class ChromiumPdfRendererTests
{
    private const string Letters = "ă â î ș ț ā č ē ģ ī ķ ļ ņ š ū ž";

    private static ChromiumPdfRenderer Renderer(Action<ChromiumPdfOptions>? configure = null)
    {
        // A generous start/print limit: Chromium starting on a loaded machine can take longer than the production default.
        var options = new ChromiumPdfOptions { TimeoutSeconds = 300 };
        configure?.Invoke(options);
        return new ChromiumPdfRenderer(Options.Create(options), NullLogger<ChromiumPdfRenderer>.Instance);
    }

    [Fact]
    public async Task Html_is_printed_to_a_pdf_whose_text_keeps_every_diacritic()
    {
        await using var renderer = Renderer();

        var pdf = await renderer.RenderAsync($"<html><head><meta charset=\"utf-8\"></head><body><h1>Factura AP 000042</h1><p>{Letters}</p></body></html>");

        renderer.IsAvailable.ShouldBeTrue(renderer.UnavailableReason);
        pdf.AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        var text = await TextAsync(pdf);
        text.ShouldContain("AP 000042");
        foreach (var letter in Letters.Split(' '))
        {
            text.ShouldContain(letter);
        }
    }

    [Fact]
    public async Task Concurrent_documents_share_the_bounded_page_pool_and_all_complete()
    {
        await using var renderer = Renderer(o => o.MaxConcurrency = 2);

        var pdfs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => renderer.RenderAsync($"<p>Document {i}</p>")));

        for (var i = 0; i < pdfs.Length; i++)
        {
            (await TextAsync(pdfs[i])).ShouldContain($"Document {i}");
        }

        renderer.PagesOpened.ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_pooled_page_prints_document_after_document_and_is_replaced_once_worn_out()
    {
        await using var renderer = Renderer(o =>
        {
            o.MaxConcurrency = 1;
            o.DocumentsPerPage = 2;
        });

        for (var i = 0; i < 5; i++)
        {
            (await TextAsync(await renderer.RenderAsync($"<p>Page {i}</p>"))).ShouldContain($"Page {i}");
        }

        renderer.PagesOpened.ShouldBe(3);
    }

    [Fact]
    public async Task Without_the_executable_pdfs_are_unavailable_with_a_clear_reason()
    {
        await using var renderer = Renderer(o => o.ExecutablePath = "/nonexistent/chromium");

        renderer.IsAvailable.ShouldBeFalse();
        renderer.UnavailableReason.ShouldNotBeNull().ShouldContain("/nonexistent/chromium");
        var error = await Should.ThrowAsync<PdfUnavailableException>(() => renderer.RenderAsync("<p>x</p>"));
        error.Message.ShouldContain("not found");
    }

    [Fact]
    public void The_services_extension_replaces_the_unavailable_default()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IPdfRenderer, UnavailablePdfRenderer>();
        services.AddChromiumPdf(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IPdfRenderer>().ShouldBeOfType<ChromiumPdfRenderer>();
    }

    private static async Task<string> TextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chromium-test-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
