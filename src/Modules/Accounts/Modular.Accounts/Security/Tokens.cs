using System.Security.Cryptography;
using System.Text;

namespace Modular.Accounts.Security;

/// <summary>Email-link tokens: 32 random bytes (256 bits) as base64url in the link; only the SHA-256 (hex) is stored.</summary>
internal static class Tokens
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
