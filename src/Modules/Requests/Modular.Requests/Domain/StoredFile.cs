using NodaTime;

namespace Modular.Requests.Domain;

/// <summary>An attachment's bytes as the database file store keeps them.</summary>
internal sealed class StoredFile
{
    public string Key { get; set; } = string.Empty;

    public byte[] Content { get; set; } = [];

    public Instant StoredAt { get; set; }
}
