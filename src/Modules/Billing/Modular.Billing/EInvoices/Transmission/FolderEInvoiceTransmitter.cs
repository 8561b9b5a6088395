using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Modular.Core.Files;

namespace Modular.Billing.EInvoices.Transmission;

/// <summary>
/// Development transmitter: an exchange folder stands in for the authority. Uploads land in <c>uploads/{key}.xml</c> (one
/// file per key, so a repeated upload is answered with the first) and are logged, one line per call, in
/// <c>uploads.log</c>; answers are files in <c>answers/</c>: <c>{upload}.accepted.xml</c> or <c>{upload}.rejected.xml</c>
/// (with <c>&lt;Error errorMessage="…"/&gt;</c> elements, as ANAF words them). With <c>DevelopmentAnswer</c> Accept or
/// Reject the first status poll writes that answer itself; with None an answer file put there by hand decides.
/// </summary>
public sealed class FolderEInvoiceTransmitter : IEInvoiceTransmitter
{
    private static readonly object LogGate = new();
    private readonly DevelopmentAnswer _answer;

    public FolderEInvoiceTransmitter(IOptions<BillingOptions> options, IHostEnvironment? environment = null)
    {
        var transmission = options.Value.EInvoice.Transmission;
        Root = Path.GetFullPath(transmission.Folder, environment?.ContentRootPath ?? Directory.GetCurrentDirectory());
        _answer = transmission.DevelopmentAnswer;
    }

    public string Root { get; }

    public string Uploads => Path.Combine(Root, "uploads");

    public string Answers => Path.Combine(Root, "answers");

    public async Task<EInvoiceUploadReceipt> UploadAsync(EInvoiceUpload upload, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Uploads);
        var id = upload.Key.ToString("N");
        var path = Path.Combine(Uploads, id + ".xml");
        var repeated = File.Exists(path);
        if (!repeated)
        {
            await AtomicFile.WriteAllBytesAsync(path, upload.Content, cancellationToken);
        }

        lock (LogGate)
        {
            File.AppendAllText(Path.Combine(Root, "uploads.log"), $"{id}\t{upload.Number}\t{(repeated ? "repeated" : "new")}\n");
        }

        return EInvoiceUploadReceipt.Accepted(id);
    }

    public async Task<EInvoiceRemoteStatus> GetStatusAsync(string uploadId, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Answers);
        var accepted = Path.Combine(Answers, uploadId + ".accepted.xml");
        var rejected = Path.Combine(Answers, uploadId + ".rejected.xml");
        if (!File.Exists(accepted) && !File.Exists(rejected) && _answer != DevelopmentAnswer.None)
        {
            await AnswerAsync(uploadId, _answer == DevelopmentAnswer.Accept ? accepted : rejected, _answer == DevelopmentAnswer.Accept, cancellationToken);
        }

        if (File.Exists(accepted))
        {
            return new EInvoiceRemoteStatus(EInvoiceRemoteState.Accepted, Path.GetFileName(accepted), []);
        }

        if (File.Exists(rejected))
        {
            var messages = XDocument.Load(rejected).Descendants().Where(e => e.Name.LocalName == "Error")
                .Select(e => (string?)e.Attribute("errorMessage") ?? e.Value).ToList();
            return new EInvoiceRemoteStatus(EInvoiceRemoteState.Rejected, Path.GetFileName(rejected), messages);
        }

        return new EInvoiceRemoteStatus(EInvoiceRemoteState.InProgress, null, []);
    }

    public async Task<EInvoiceAnswer> DownloadAnswerAsync(string answerId, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(answerId);
        return new EInvoiceAnswer(name, await File.ReadAllBytesAsync(Path.Combine(Answers, name), cancellationToken));
    }

    /// <summary>Writes an answer the way the authority would: the upload it answers, the SHA-256 of what arrived, the verdict.</summary>
    private async Task AnswerAsync(string uploadId, string path, bool accept, CancellationToken cancellationToken)
    {
        var upload = Path.Combine(Uploads, uploadId + ".xml");
        var hash = File.Exists(upload) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(upload))) : string.Empty;
        var answer = new XElement("Answer",
            new XAttribute("upload", uploadId),
            new XAttribute("sha256", hash),
            new XAttribute("status", accept ? "accepted" : "rejected"),
            accept ? null : new XElement("Error", new XAttribute("errorMessage", "Rejected by the development transmitter.")));
        await AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true });
            await answer.SaveAsync(writer, ct);
        }, cancellationToken);
    }
}
