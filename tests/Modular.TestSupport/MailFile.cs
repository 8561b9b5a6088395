using System.Text;
using System.Text.RegularExpressions;

namespace Modular.TestSupport;

/// <summary>A parsed RFC 5322 message (from a pickup .eml or an SMTP mailbox): headers, decoded text parts, attachments.</summary>
public sealed partial class MailFile
{
    private MailFile(string raw, Dictionary<string, string> headers, List<string> texts, List<MailAttachment> attachments)
    {
        Raw = raw;
        Headers = headers;
        Texts = texts;
        Attachments = attachments;
        AttachmentNames = attachments.Select(a => a.Name).ToList();
    }

    public string Raw { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Every decoded text/plain and text/html part.</summary>
    public IReadOnlyList<string> Texts { get; }

    public IReadOnlyList<string> AttachmentNames { get; }

    /// <summary>The attachments with their decoded content (base64 parts; other encodings as their text's bytes).</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; }

    public string Subject => Headers.GetValueOrDefault("subject", string.Empty);

    public string To => Headers.GetValueOrDefault("to", string.Empty);

    public string From => Headers.GetValueOrDefault("from", string.Empty);

    public string Body => string.Join("\n", Texts);

    /// <summary>The first absolute link in the message whose URL contains <paramref name="fragment"/>.</summary>
    public string? FindLink(string fragment) =>
        Link().Matches(Body).Select(m => System.Net.WebUtility.HtmlDecode(m.Value)).FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal));

    public static MailFile Parse(string raw)
    {
        var texts = new List<string>();
        var attachments = new List<MailAttachment>();
        var (headers, body) = SplitHeaders(raw.Replace("\r\n", "\n"));
        Walk(headers, body, texts, attachments);
        return new MailFile(raw, headers, texts, attachments);
    }

    private static void Walk(Dictionary<string, string> headers, string body, List<string> texts, List<MailAttachment> attachments)
    {
        var contentType = headers.GetValueOrDefault("content-type", "text/plain");
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = Boundary().Match(contentType).Groups[1].Value.Trim('"');
            foreach (var part in body.Split("--" + boundary).Skip(1))
            {
                if (part.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }

                var (partHeaders, partBody) = SplitHeaders(part.TrimStart('\n'));
                Walk(partHeaders, partBody, texts, attachments);
            }

            return;
        }

        var disposition = headers.GetValueOrDefault("content-disposition", string.Empty);
        var name = FileName().Match(disposition + ";" + contentType);
        if (disposition.StartsWith("attachment", StringComparison.OrdinalIgnoreCase) || (name.Success && !contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)))
        {
            var content = headers.GetValueOrDefault("content-transfer-encoding", "7bit").Trim().Equals("base64", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))
                : Encoding.UTF8.GetBytes(body);
            attachments.Add(new MailAttachment(name.Success ? DecodeWords(name.Groups[1].Value.Trim('"')) : "(unnamed)", contentType.Split(';')[0].Trim(), content));
            return;
        }

        if (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            texts.Add(Decode(body, headers.GetValueOrDefault("content-transfer-encoding", "7bit")));
        }
    }

    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string text)
    {
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? string.Empty : text[(end + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                // Unfolding removes only the line break: the folding white space belongs to the value.
                headers[last] += line;
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                last = line[..colon].Trim().ToLowerInvariant();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        foreach (var key in headers.Keys.ToList())
        {
            headers[key] = DecodeWords(headers[key]);
        }

        return (headers, body);
    }

    private static string Decode(string body, string encoding) => encoding.Trim().ToLowerInvariant() switch
    {
        "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
        "quoted-printable" => QuotedPrintable(body),
        _ => body,
    };

    private static string QuotedPrintable(string body)
    {
        var bytes = new List<byte>();
        var text = body.Replace("=\n", string.Empty);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string DecodeWords(string value) =>
        EncodedWord().Replace(value.Replace("?= =?", "?==?"), m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var payload = m.Groups[3].Value;
            return m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? charset.GetString(Convert.FromBase64String(payload))
                : QuotedPrintable(payload.Replace('_', ' '));
        });

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"boundary=(""[^""]+""|[^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"(?:file)?name\*?=(""[^""]+""|[^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex Link();
}

/// <summary>An attachment of a <see cref="MailFile"/>: its file name, media type and decoded bytes.</summary>
public sealed record MailAttachment(string Name, string ContentType, byte[] Content);
