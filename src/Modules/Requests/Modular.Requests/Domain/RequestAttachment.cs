using NodaTime;

namespace Modular.Requests.Domain;

/// <summary>A file attached to a request (with the submission or a reply); its bytes are in the file store under <see cref="StorageKey"/>.</summary>
internal sealed class RequestAttachment
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    /// <summary>The message it came with, when it came with one.</summary>
    public Guid? MessageId { get; set; }

    /// <summary>The form field it answers, when it came with the submission.</summary>
    public string? FieldCode { get; set; }

    public string FileName { get; set; } = string.Empty;

    /// <summary>The type the content was recognised as (never what the browser said).</summary>
    public string ContentType { get; set; } = string.Empty;

    public long Size { get; set; }

    public string StorageKey { get; set; } = string.Empty;

    public Instant UploadedAt { get; set; }
}
