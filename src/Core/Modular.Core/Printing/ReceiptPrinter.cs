using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Modular.Core.Printing;

/// <summary>
/// The receipt printer of a device (a kiosk, a cashier's desk). The shipped <see cref="FileReceiptPrinter"/> writes the bytes
/// to a file; an integrator's adapter sends them to the printer (USB, serial, network port 9100) and reports what happened.
/// </summary>
public interface IReceiptPrinter
{
    /// <summary>Prints <paramref name="receipt"/> on the printer of <paramref name="device"/>; <paramref name="reference"/> names the job (the receipt number).</summary>
    Task<PrintOutcome> PrintAsync(string device, string reference, PrintedReceipt receipt, CancellationToken cancellationToken);
}

/// <summary>Printed (with where the simulator left the bytes), or why not (out of paper, cover open, offline).</summary>
public sealed record PrintOutcome(bool Printed, string? Problem = null, string? File = null);

/// <summary><c>Modular:Printing</c>.</summary>
public sealed class PrintingOptions
{
    /// <summary>Where <see cref="FileReceiptPrinter"/> writes each job (<c>{Folder}/{device}/{reference}.bin</c>), under the data folder.</summary>
    public string Folder { get; set; } = "printer";

    /// <summary>The printer model (<see cref="PrinterProfile.Known"/>).</summary>
    public string Profile { get; set; } = PrinterProfile.EpsonTmT88.Name;

    public PrinterProfile ProfileOrDefault =>
        PrinterProfile.Known.FirstOrDefault(p => string.Equals(p.Name, Profile, StringComparison.OrdinalIgnoreCase)) ?? PrinterProfile.EpsonTmT88;
}

/// <summary>
/// The simulator: writes the ESC/POS bytes a printer would get to a file per job; a reprint of the same reference gets its
/// own file (<c>R 000042.2.bin</c>), as a printer would print it again.
/// </summary>
public sealed class FileReceiptPrinter(IOptions<PrintingOptions> options, ILogger<FileReceiptPrinter> logger) : IReceiptPrinter
{
    public async Task<PrintOutcome> PrintAsync(string device, string reference, PrintedReceipt receipt, CancellationToken cancellationToken)
    {
        var output = new EscPosWriter(options.Value.ProfileOrDefault).Write(receipt);
        var folder = Path.Combine(options.Value.Folder, Safe(device));
        Directory.CreateDirectory(folder);
        for (var copy = 1; ; copy++)
        {
            var path = Path.Combine(folder, Safe(reference) + (copy == 1 ? string.Empty : $".{copy}") + ".bin");
            try
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                await file.WriteAsync(output.Bytes, cancellationToken);
                logger.LogInformation("Receipt {Reference} printed for {Device} to {Path} ({CodePage})", reference, device, path, output.CodePage.Name);
                return new PrintOutcome(true, File: path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Printed before: the next copy.
            }
        }
    }

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' ? c : '_')).Trim();
}
