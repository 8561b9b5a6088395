using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using NodaTime;

namespace Modular.Payments.Domain;

/// <summary>
/// Keys that grow with time (UUID version 7, references with a time prefix): new rows land at the end of their
/// indexes instead of at random pages, which keeps large imports fast and their write-ahead log small. The time comes
/// from the utility clock; the rest is random, so keys stay unguessable and unique within one millisecond.
/// </summary>
internal static class SequentialId
{
    // Random bytes are drawn from the system's secure generator a page at a time: one call per key costs a system call,
    // which dominated the per-line cost of large imports.
    private const int PoolSize = 4096;

    [ThreadStatic]
    private static byte[]? _pool;

    [ThreadStatic]
    private static int _used;

    /// <summary>RFC 9562 version 7: 48 bits of Unix milliseconds, then 74 random bits.</summary>
    public static Guid New(Instant at)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random(10).CopyTo(bytes[6..]);
        var milliseconds = at.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteInt64BigEndian(bytes[..8], (milliseconds << 16) | BinaryPrimitives.ReadUInt16BigEndian(bytes[6..8]));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>"P", 11 hex digits of milliseconds since 1970, 16 random hex digits: what gateways and receipts show.</summary>
    public static string NewReference(Instant at) =>
        "P" + at.ToUnixTimeMilliseconds().ToString("X11", CultureInfo.InvariantCulture) + Convert.ToHexString(Random(8));

    private static ReadOnlySpan<byte> Random(int count)
    {
        if (_pool is null || _used + count > PoolSize)
        {
            _pool ??= new byte[PoolSize];
            RandomNumberGenerator.Fill(_pool);
            _used = 0;
        }

        var span = _pool.AsSpan(_used, count);
        _used += count;
        return span;
    }
}
