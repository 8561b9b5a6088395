using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Modular.TestSupport;

/// <summary>
/// The independent ESC/POS reader in the shared test data (<c>escpos-tools</c>, PHP): what a printer would print from a
/// byte stream, and every command it recognised. Needs Debian's <c>php-cli php-intl php-mbstring</c>; fails, never skips,
/// without them.
/// </summary>
public static class EscPosReader
{
    static EscPosReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The printed text as the reader wrote it, and the commands the reader listed (class names).</summary>
    public sealed record Reading(byte[] Text, IReadOnlyList<string> Commands)
    {
        /// <summary>
        /// The text decoded with the code page the reader's own printer profiles give table <paramref name="table"/>. The
        /// reader writes every byte as if the printer used CP437 (in UTF-8), whatever table the stream selected; taking the
        /// CP437 bytes back gives what the printer received.
        /// </summary>
        public string Decode(byte table, string profile = "TM-T88V") =>
            EncodingOf(table, profile).GetString(Encoding.GetEncoding(437).GetBytes(Encoding.UTF8.GetString(Text)));
    }

    public static async Task<Reading> ReadAsync(byte[] escPos)
    {
        var tools = SharedTestData.TestData("escpos-tools");
        var file = Path.Combine(Path.GetTempPath(), $"escpos-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(file, escPos);
        try
        {
            var start = new ProcessStartInfo("php", [Path.Combine(tools, "esc2text.php"), file, "-v"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("php did not start");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("The ESC/POS reader needs PHP: apt-get install php-cli php-intl php-mbstring.", e);
            }

            using (process)
            {
                using var text = new MemoryStream();
                var copy = process.StandardOutput.BaseStream.CopyToAsync(text);
                var errors = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                await copy;
                var stderr = await errors;
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"esc2text.php failed ({process.ExitCode}): {stderr}");
                }

                var commands = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Where(l => l.StartsWith("[DEBUG] ", StringComparison.Ordinal))
                    .Select(l => l["[DEBUG] ".Length..].Split(' ')[0])
                    .ToList();
                return new Reading(text.ToArray(), commands);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The code page the reader's capability profiles (mike42/escpos-php) name for <c>ESC t <paramref name="table"/></c>.</summary>
    public static Encoding EncodingOf(byte table, string profile = "TM-T88V") =>
        Encoding.GetEncoding(CodePageName(table, profile) switch
        {
            var name when name.StartsWith("CP", StringComparison.Ordinal) => int.Parse(name[2..], System.Globalization.CultureInfo.InvariantCulture),
            "ISO_8859-2" => 28592,
            "ISO_8859-15" => 28605,
            var name => throw new NotSupportedException($"Code page {name} of table {table} is not mapped in the tests."),
        });

    public static string CodePageName(byte table, string profile = "TM-T88V")
    {
        var path = SharedTestData.TestData("escpos-tools", "vendor", "mike42", "Escpos", "resources", "capabilities.json");
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        return json.RootElement.GetProperty("profiles").GetProperty(profile).GetProperty("codePages")
            .GetProperty(table.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString()!;
    }
}
