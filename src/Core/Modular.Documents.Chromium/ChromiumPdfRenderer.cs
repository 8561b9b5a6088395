using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Modular.Core.Documents;

namespace Modular.Documents.Chromium;

/// <summary>
/// <see cref="IPdfRenderer"/> on the system's headless Chromium, driven by Playwright. One browser is started on first
/// use and shared; pages are pooled and at most <see cref="ChromiumPdfOptions.MaxConcurrency"/> print at once. If the
/// executable is missing, <see cref="IsAvailable"/> is false with the reason, and the host runs on without PDFs.
/// </summary>
public sealed class ChromiumPdfRenderer : IPdfRenderer, IAsyncDisposable, IDisposable
{
    private readonly ChromiumPdfOptions _options;
    private readonly ILogger<ChromiumPdfRenderer> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly ConcurrentBag<IPage> _idle = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _failure;
    private bool _disposed;

    public ChromiumPdfRenderer(IOptions<ChromiumPdfOptions> options, ILogger<ChromiumPdfRenderer> logger)
    {
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
    }

    public bool IsAvailable => UnavailableReason is null;

    public string? UnavailableReason => !File.Exists(_options.ExecutablePath)
        ? $"Chromium was not found at '{_options.ExecutablePath}' (install it, or set Modular:Documents:Chromium:ExecutablePath)."
        : _failure;

    public async Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (UnavailableReason is { } reason)
        {
            throw new PdfUnavailableException(reason);
        }

        await _slots.WaitAsync(cancellationToken);
        IPage? page = null;
        try
        {
            page = await TakePageAsync(cancellationToken);
            var timeout = _options.TimeoutSeconds * 1000f;
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = timeout });
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = _options.Format, PrintBackground = true, PreferCSSPageSize = true });
            _idle.Add(page);
            page = null;
            return pdf;
        }
        finally
        {
            if (page is not null)
            {
                // A page that failed may be in any state: close it rather than reuse it.
                await ClosePageAsync(page);
            }

            _slots.Release();
        }
    }

    private async Task<IPage> TakePageAsync(CancellationToken cancellationToken)
    {
        if (_idle.TryTake(out var page) && !page.IsClosed)
        {
            return page;
        }

        var browser = await BrowserAsync(cancellationToken);
        return await browser.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false });
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _options.ExecutablePath,
                Headless = true,
                Args = _options.Arguments,
                Timeout = _options.TimeoutSeconds * 1000f,
            });
            _failure = null;
            _logger.LogInformation("Chromium {Version} started for PDF documents", _browser.Version);
            return _browser;
        }
        catch (PlaywrightException ex)
        {
            _failure = "Chromium could not be started: " + ex.Message.Split('\n')[0];
            _logger.LogError(ex, "Chromium could not be started for PDF documents");
            throw new PdfUnavailableException(_failure);
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task ClosePageAsync(IPage page)
    {
        try
        {
            await page.CloseAsync();
        }
        catch (PlaywrightException ex)
        {
            _logger.LogDebug(ex, "Closing a PDF page failed");
        }
    }

    /// <summary>For containers disposed synchronously: closes the browser and waits for it.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_idle.TryTake(out var page))
        {
            await ClosePageAsync(page);
        }

        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _slots.Dispose();
        _startLock.Dispose();
    }
}
