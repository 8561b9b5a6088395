using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using NodaTime;

namespace Modular.Notifications.Unsubscribe;

/// <summary>What a valid unsubscribe token names.</summary>
internal sealed record UnsubscribeClaim(Guid UserId, string Type, NotificationChannel Channel, Instant ExpiresAt);

/// <summary>
/// Signed, expiring unsubscribe tokens: <c>base64url(user id · expiry (unix seconds) · channel · type)</c> followed by
/// <c>.</c> and <c>base64url(HMAC-SHA256(key, payload))</c>. The key is the module's (table <c>link_keys</c>), made on first
/// use by the first instance that needs it (a twin's insert of the same row is skipped) and read by every instance.
/// </summary>
internal sealed class UnsubscribeLinks(NotificationsDbContext db)
{
    private byte[]? _key;

    public async Task<string> TokenAsync(Guid userId, string type, NotificationChannel channel, Instant expiresAt, CancellationToken cancellationToken)
    {
        var typeBytes = Encoding.UTF8.GetBytes(type);
        var payload = new byte[16 + 8 + 1 + typeBytes.Length];
        userId.TryWriteBytes(payload.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16, 8), expiresAt.ToUnixTimeSeconds());
        payload[24] = (byte)channel;
        typeBytes.CopyTo(payload, 25);
        var signature = HMACSHA256.HashData(await KeyAsync(cancellationToken), payload);
        return Base64Url(payload) + "." + Base64Url(signature);
    }

    /// <summary>The claim of a token whose signature is right (expired or not); null for anything forged or malformed.</summary>
    public async Task<UnsubscribeClaim?> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        var parts = (token ?? string.Empty).Split('.');
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { Length: > 25 and < 100 } payload || FromBase64Url(parts[1]) is not { } signature)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(await KeyAsync(cancellationToken), payload);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return null;
        }

        var channel = (NotificationChannel)payload[24];
        return Enum.IsDefined(channel)
            ? new UnsubscribeClaim(new Guid(payload.AsSpan(0, 16)), Encoding.UTF8.GetString(payload, 25, payload.Length - 25), channel,
                Instant.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16, 8))))
            : null;
    }

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is not null)
        {
            return _key;
        }

        var found = await db.LinkKeys.AsNoTracking().Where(k => k.Id == 1).Select(k => k.Key).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            var table = db.Model.FindEntityType(typeof(LinkKey))!;
            var name = table.GetSchema() is { } schema ? $"\"{schema}\".\"{table.GetTableName()}\"" : $"\"{table.GetTableName()}\"";
            var key = RandomNumberGenerator.GetBytes(32);
            // The table's name comes from the model, the key is a parameter.
            var sql = string.Concat("INSERT INTO ", name, " (\"Id\", \"Key\") VALUES (1, {0}) ON CONFLICT DO NOTHING");
            await db.Database.ExecuteSqlRawAsync(sql, [key], cancellationToken);
            found = await db.LinkKeys.AsNoTracking().Where(k => k.Id == 1).Select(k => k.Key).SingleAsync(cancellationToken);
        }

        return _key = found;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
