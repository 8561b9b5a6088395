using Microsoft.Extensions.Options;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Files;

namespace Modular.Requests.Submissions;

/// <summary>
/// Files sent with a submission or a reply: how many, how large, and of which type – decided from the content's first
/// bytes against <see cref="RequestsOptions.AllowedTypes"/>; then stored through <see cref="IRequestFileStore"/>.
/// </summary>
internal sealed class AttachmentIntake(IRequestFileStore store, IOptions<RequestsOptions> options, UtilityClock clock)
{
    /// <summary>One error per refused file (its field, or <c>Attachments</c>); <paramref name="fieldCodes"/> null: files without a field only.</summary>
    public IReadOnlyList<Error> Check(IReadOnlyList<AttachmentUpload> uploads, IReadOnlySet<string>? fieldCodes)
    {
        var o = options.Value;
        var errors = new List<Error>();
        if (uploads.Count > o.MaxAttachments)
        {
            errors.Add(Error.Of(RequestsErrors.TooManyAttachments, "Attachments", ("max", o.MaxAttachments)));
            return errors;
        }

        foreach (var upload in uploads)
        {
            var field = upload.FieldCode ?? "Attachments";
            var name = SafeName(upload.FileName, null);
            if (upload.FieldCode is { } code && (fieldCodes is null || !fieldCodes.Contains(code)))
            {
                errors.Add(Error.Of(RequestsErrors.AttachmentFieldUnknown, field, ("file", name)));
            }
            else if (upload.Content is not { Length: > 0 })
            {
                errors.Add(Error.Of(RequestsErrors.AttachmentEmpty, field, ("file", name)));
            }
            else if (upload.Content.Length > o.MaxAttachmentBytes)
            {
                errors.Add(Error.Of(RequestsErrors.AttachmentTooLarge, field, ("file", name), ("maxMb", Math.Round(o.MaxAttachmentBytes / 1048576m, 1))));
            }
            else if (FileSniffer.Sniff(upload.Content) is not { } type || !o.AllowedTypes.Contains(type))
            {
                errors.Add(Error.Of(RequestsErrors.AttachmentTypeNotAllowed, field, ("file", name)));
            }
        }

        return errors;
    }

    /// <summary>Stores checked files and answers their rows (added to nothing: the caller adds them).</summary>
    public async Task<List<RequestAttachment>> StoreAsync(Guid requestId, Guid? messageId, IReadOnlyList<AttachmentUpload> uploads,
        CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var date = clock.DateOf(now);
        var rows = new List<RequestAttachment>();
        foreach (var upload in uploads)
        {
            var type = FileSniffer.Sniff(upload.Content)!;
            var id = Guid.CreateVersion7();
            var key = $"{date.Year:D4}/{date.Month:D2}/{id:N}";
            await store.SaveAsync(key, upload.Content, cancellationToken);
            rows.Add(new RequestAttachment
            {
                Id = id,
                RequestId = requestId,
                MessageId = messageId,
                FieldCode = upload.FieldCode,
                FileName = SafeName(upload.FileName, type),
                ContentType = type,
                Size = upload.Content.Length,
                StorageKey = key,
                UploadedAt = now,
            });
        }

        return rows;
    }

    /// <summary>The name without folders or control characters, at most 200 characters, ending in the recognised type's extension.</summary>
    internal static string SafeName(string? name, string? type)
    {
        var plain = new string(Path.GetFileName((name ?? string.Empty).Replace('\\', '/').Split('/')[^1])
            .Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or '*' or '?' or ':')).ToArray()).Trim();
        var extension = type is null ? string.Empty : FileSniffer.Extension(type);
        if (plain.Length == 0)
        {
            plain = "attachment";
        }

        if (extension.Length > 0 && !plain.EndsWith(extension, StringComparison.OrdinalIgnoreCase)
            && !(type == FileSniffer.Jpeg && plain.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)))
        {
            plain += extension;
        }

        return plain.Length <= 200 ? plain : plain[..(200 - extension.Length)] + extension;
    }
}
