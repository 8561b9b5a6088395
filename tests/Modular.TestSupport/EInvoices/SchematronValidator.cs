using System.Diagnostics;
using System.Text;
using System.Xml.Linq;

namespace Modular.TestSupport.EInvoices;

/// <summary>One failed assertion of an SVRL report: the rule id, its flag (fatal when none) and text.</summary>
public sealed record SvrlAssertion(string Id, string Flag, string Text, string Location)
{
    public bool IsFatal => Flag is not "warning" and not "information";

    public override string ToString() => $"[{Flag}] {Id}: {Text} at {Location}";
}

/// <summary>What the rules said about one document.</summary>
public sealed record SvrlReport(IReadOnlyList<SvrlAssertion> Failed)
{
    public IReadOnlyList<SvrlAssertion> Fatal => Failed.Where(f => f.IsFatal).ToList();

    public override string ToString() => Failed.Count == 0 ? "no failed assertion" : string.Join(Environment.NewLine, Failed);
}

/// <summary>
/// Runs the official e-invoice rules (Schematron compiled to XSLT 2, run by Saxon-HE) over documents. One Java process
/// serves the whole test run and compiles each stylesheet once; requests are answered one at a time. A missing Java,
/// Saxon or rules file fails the calling test with what to install, never skips it.
/// </summary>
public sealed class SchematronValidator
{
    private static readonly Lazy<SchematronValidator> Instance = new(() => new SchematronValidator());
    private static readonly XNamespace Svrl = "http://purl.oclc.org/dsdl/svrl";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _work = Directory.CreateTempSubdirectory("modular-svrl").FullName;
    private Process? _java;
    private int _sequence;

    private SchematronValidator()
    {
    }

    public static SchematronValidator Shared => Instance.Value;

    /// <summary>Saxon-HE's jar: <c>MODULAR_SAXON_JAR</c>, else Debian's <c>libsaxonhe-java</c>.</summary>
    public static string SaxonJar => Environment.GetEnvironmentVariable("MODULAR_SAXON_JAR") is { Length: > 0 } jar ? jar : "/usr/share/java/Saxon-HE.jar";

    /// <summary>Validates the document with each stylesheet in turn; the report holds every failed assertion of all of them.</summary>
    public async Task<SvrlReport> ValidateAsync(byte[] document, IReadOnlyList<string> stylesheets)
    {
        await _gate.WaitAsync();
        try
        {
            var java = Start();
            var id = Interlocked.Increment(ref _sequence);
            var input = Path.Combine(_work, $"{id}.xml");
            await File.WriteAllBytesAsync(input, document);
            var failed = new List<SvrlAssertion>();
            foreach (var stylesheet in stylesheets)
            {
                var report = Path.Combine(_work, $"{id}-{Path.GetFileNameWithoutExtension(stylesheet)}.svrl");
                await java.StandardInput.WriteLineAsync($"{stylesheet}\t{input}\t{report}");
                await java.StandardInput.FlushAsync();
                var answer = await ReadAnswerAsync(java);
                if (answer != "OK")
                {
                    throw new InvalidOperationException($"Saxon could not run {stylesheet}: {answer}");
                }

                failed.AddRange(Parse(report));
                File.Delete(report);
            }

            File.Delete(input);
            return new SvrlReport(failed);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static IEnumerable<SvrlAssertion> Parse(string report) =>
        XDocument.Load(report).Descendants(Svrl + "failed-assert").Select(f => new SvrlAssertion(
            (string?)f.Attribute("id") ?? "?",
            (string?)f.Attribute("flag") ?? "fatal",
            ((string?)f.Element(Svrl + "text") ?? string.Empty).Trim(),
            (string?)f.Attribute("location") ?? string.Empty)).ToList();

    private Process Start()
    {
        if (_java is { HasExited: false })
        {
            return _java;
        }

        if (!File.Exists(SaxonJar))
        {
            throw new FileNotFoundException($"Saxon-HE is missing ({SaxonJar}): install it with 'apt-get install libsaxonhe-java default-jdk-headless' or set MODULAR_SAXON_JAR.");
        }

        var source = Path.Combine(AppContext.BaseDirectory, "EInvoices", "SvrlValidator.java");
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "-Xss8m", "-cp", SaxonJar, source })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _java = Process.Start(start) ?? throw new InvalidOperationException("java did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("A Java development kit is needed to run the e-invoice rules ('apt-get install default-jdk-headless').", ex);
        }

        _java.ErrorDataReceived += (_, _) => { };
        _java.BeginErrorReadLine();
        var ready = _java.StandardOutput.ReadLine();
        if (ready != "READY")
        {
            throw new InvalidOperationException($"The rules runner did not start (it answered '{ready}').");
        }

        return _java;
    }

    private static async Task<string> ReadAnswerAsync(Process java)
    {
        // Compiling the largest rule set takes a few seconds; a generous deadline only guards against a hung process.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await java.StandardOutput.ReadLineAsync(deadline.Token) ?? $"the runner exited ({(java.HasExited ? java.ExitCode : -1)})";
    }
}

/// <summary>The official rule sets in the shared test data, by the profile a document claims.</summary>
public static class EInvoiceRules
{
    /// <summary>EN 16931 and Romania's CIUS-RO 1.0.9 together (one stylesheet).</summary>
    public static IReadOnlyList<string> CiusRo =>
        [SharedTestData.TestData("einvoice", "cius-ro-1.0.9", "EN16931-CIUS_RO-UBL-validation.xslt")];

    /// <summary>EN 16931 and Peppol BIS Billing 3.0 (release 2026.5): the norm's rules, then Peppol's own.</summary>
    public static IReadOnlyList<string> Peppol =>
    [
        SharedTestData.TestData("einvoice", "peppol-2026.5", "CEN-EN16931-UBL.xslt"),
        SharedTestData.TestData("einvoice", "peppol-2026.5", "PEPPOL-EN16931-UBL.xslt"),
    ];

    /// <summary>The published CIUS-RO example invoices.</summary>
    public static IReadOnlyList<string> CiusRoExamples =>
        Directory.GetFiles(SharedTestData.TestData("einvoice", "cius-ro-1.0.9", "examples"), "*.xml").Order(StringComparer.Ordinal).ToList();
}
