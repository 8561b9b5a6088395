using System.Security.Cryptography;
using NodaTime;

namespace Modular.Kiosks.Domain;

/// <summary>
/// A self-service kiosk at a collection centre. It proves who it is with a device key: a random 32-byte key shown once,
/// of which only the SHA-256 hash is kept. A new key replaces the old one; a retired kiosk has no key that works.
/// </summary>
internal sealed class Kiosk
{
    private Kiosk()
    {
        Code = string.Empty;
        Centre = string.Empty;
        Name = string.Empty;
        KeyHash = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; }

    public string Centre { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower-case hex of SHA-256 of the key's text.</summary>
    public string KeyHash { get; private set; }

    public Instant RegisteredAt { get; private set; }

    public Instant? RetiredAt { get; private set; }

    public Instant? LastSeenAt { get; private set; }

    public int PendingEntries { get; private set; }

    public string? SoftwareVersion { get; private set; }

    public int Version { get; private set; }

    public bool Retired => RetiredAt is not null;

    /// <summary>A new kiosk and its first key (the key's text, to show once).</summary>
    public static (Kiosk Kiosk, string Key) Register(Guid id, string code, string centre, string name, Instant now)
    {
        var kiosk = new Kiosk { Id = id, Code = code, Centre = centre, Name = name, RegisteredAt = now };
        return (kiosk, kiosk.NewKey());
    }

    /// <summary>A kiosk with a key chosen by the caller (the demo data's documented development key).</summary>
    public static Kiosk WithKey(Guid id, string code, string centre, string name, string key, Instant now) =>
        new() { Id = id, Code = code, Centre = centre, Name = name, RegisteredAt = now, KeyHash = Hash(key) };

    /// <summary>Replaces the key: the old one stops working.</summary>
    public string NewKey()
    {
        var key = "mk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        KeyHash = Hash(key);
        Version++;
        return key;
    }

    public void Retire(Instant now)
    {
        RetiredAt ??= now;
        Version++;
    }

    public void Seen(Instant now, int? pendingEntries = null, string? softwareVersion = null)
    {
        if (LastSeenAt is null || now > LastSeenAt)
        {
            LastSeenAt = now;
        }

        if (pendingEntries is { } pending)
        {
            PendingEntries = pending;
        }

        SoftwareVersion = softwareVersion ?? SoftwareVersion;
    }

    /// <summary>Whether <paramref name="key"/> is this kiosk's current key (compared in constant time).</summary>
    public bool Accepts(string key) => !Retired && KeyHash.Length > 0
        && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(KeyHash), SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}
