using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Modular.Core.Documents;

namespace Modular.Documents.Chromium;

/// <summary>
/// <see cref="IPdfRenderer"/> on the system's headless Chromium, driven by Playwright. One browser is started on first
/// use and shared. Documents print on a bounded pool of <see cref="ChromiumPdfOptions.MaxConcurrency"/> pages, each in its
/// own browser context and reused (up to <see cref="ChromiumPdfOptions.DocumentsPerPage"/> documents), so a document costs
/// loading its HTML and printing, never opening a tab; more requests wait for a free page. A page that failed is closed and
/// replaced. If the executable is missing, <see cref="IsAvailable"/> is false with the reason, and the host runs on without PDFs.
/// </summary>
public sealed class ChromiumPdfRenderer : IPdfRenderer, IAsyncDisposable, IDisposable
{
    private readonly ChromiumPdfOptions _options;
    private readonly ILogger<ChromiumPdfRenderer> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly ConcurrentBag<PooledPage> _idle = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _failure;
    private int _pagesOpened;
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

    /// <summary>Pages opened since start (the pool's size, plus replacements); for diagnostics and tests.</summary>
    internal int PagesOpened => Volatile.Read(ref _pagesOpened);

    public async Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (UnavailableReason is { } reason)
        {
            throw new PdfUnavailableException(reason);
        }

        await _slots.WaitAsync(cancellationToken);
        PooledPage? pooled = null;
        try
        {
            pooled = await TakePageAsync(cancellationToken);
            var timeout = _options.TimeoutSeconds * 1000f;
            await pooled.Page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = timeout });
            var pdf = await pooled.Page.PdfAsync(new PagePdfOptions { Format = _options.Format, PrintBackground = true, PreferCSSPageSize = true });
            if (++pooled.Documents < _options.DocumentsPerPage)
            {
                _idle.Add(pooled);
                pooled = null;
            }

            return pdf;
        }
        finally
        {
            if (pooled is not null)
            {
                // Worn out, or failed and in any state: close it; the next document opens a fresh page.
                await CloseAsync(pooled.Page);
            }

            _slots.Release();
        }
    }

    private async Task<PooledPage> TakePageAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var pooled))
        {
            if (!pooled.Page.IsClosed && _browser is { IsConnected: true })
            {
                return pooled;
            }
        }

        var browser = await BrowserAsync(cancellationToken);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        Interlocked.Increment(ref _pagesOpened);
        return new PooledPage(await context.NewPageAsync());
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

    /// <summary>Closes a page with its context (each pooled page has its own).</summary>
    private async Task CloseAsync(IPage page)
    {
        try
        {
            await page.Context.CloseAsync();
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
        while (_idle.TryTake(out var pooled))
        {
            await CloseAsync(pooled.Page);
        }

        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _slots.Dispose();
        _startLock.Dispose();
    }

    private sealed class PooledPage(IPage page)
    {
        public IPage Page { get; } = page;

        public int Documents { get; set; }
    }
}
