using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Modular.TestSupport;

/// <summary>
/// A real SMTP server for tests: Debian's python3-aiosmtpd, saving every message into a Maildir.
/// Fails with a clear message when the package is missing (CI installs it).
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly string _maildir;

    private SmtpListener(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpListener> StartAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing; install python3-aiosmtpd (apt-get install python3-aiosmtpd).");
        }

        var maildir = Directory.CreateTempSubdirectory("modular-smtp").FullName;
        foreach (var sub in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        }

        var port = FreePort();
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP listener.");
        var listener = new SmtpListener(process, maildir, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                var error = await process.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"The SMTP listener exited: {error.Trim()} (is python3-aiosmtpd installed?)");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return listener;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await listener.DisposeAsync();
        throw new TimeoutException("The SMTP listener did not open its port within 20 s.");
    }

    public IReadOnlyList<MailFile> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).OrderBy(File.GetCreationTimeUtc).Select(f => MailFile.Parse(File.ReadAllText(f))).ToList()
            : [];
    }

    public Task<MailFile> WaitForMessageAsync(Func<MailFile, bool> match, TimeSpan? timeout = null) =>
        Modular.Core.Testing.Poll.ForAsync(() => Task.FromResult(Messages().FirstOrDefault(match)), "a matching message at the SMTP listener", timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_maildir, recursive: true);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
