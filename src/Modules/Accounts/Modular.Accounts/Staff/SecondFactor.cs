using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using NodaTime;
using OtpNet;

namespace Modular.Accounts.Staff;

internal enum SecondFactorCheck
{
    Wrong,
    Totp,
    RecoveryCode,
}

/// <summary>
/// TOTP (RFC 6238: 30-second steps, 6 digits, SHA-1, one step either side for clock drift) and one-time recovery codes.
/// Both are spent with one conditional update, so of two requests racing with the same code only one succeeds.
/// </summary>
internal static class SecondFactor
{
    public const int RecoveryCodeCount = 10;

    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public static string ProvisioningUri(string secret, string email, string issuer) =>
        new OtpUri(OtpType.Totp, secret, email, issuer).ToString();

    /// <summary>Ten codes like <c>K7Q2M-XW4PD</c> (50 random bits each).</summary>
    public static IReadOnlyList<string> NewRecoveryCodes()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return Enumerable.Range(0, RecoveryCodeCount).Select(_ =>
        {
            var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
            return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
        }).ToList();
    }

    public static string HashOf(Guid staffId, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(staffId.ToString("N") + ":" + Normalize(code))));

    public static IEnumerable<StaffRecoveryCode> Rows(Guid staffId, IEnumerable<string> codes, Instant now) =>
        codes.Select(c => new StaffRecoveryCode { Id = Guid.NewGuid(), StaffId = staffId, Hash = HashOf(staffId, c), CreatedAt = now });

    /// <summary>Accepts a current TOTP code once, or an unused recovery code once.</summary>
    public static async Task<SecondFactorCheck> SpendAsync(AccountsDbContext db, StaffMember staff, string? code, Instant now, CancellationToken cancellationToken)
    {
        var normalized = Normalize(code);
        if (normalized.Length == 6 && normalized.All(char.IsAsciiDigit))
        {
            var totp = new Totp(Base32Encoding.ToBytes(staff.TotpSecret));
            if (!totp.VerifyTotp(now.ToDateTimeUtc(), normalized, out var step, Window))
            {
                return SecondFactorCheck.Wrong;
            }

            var spent = await db.StaffMembers
                .Where(s => s.Id == staff.Id && (s.LastTotpStep == null || s.LastTotpStep < step))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastTotpStep, step), cancellationToken);
            return spent == 1 ? SecondFactorCheck.Totp : SecondFactorCheck.Wrong;
        }

        if (normalized.Length != 10)
        {
            return SecondFactorCheck.Wrong;
        }

        var hash = HashOf(staff.Id, normalized);
        Instant? used = now;
        var taken = await db.StaffRecoveryCodes
            .Where(c => c.StaffId == staff.Id && c.Hash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, used), cancellationToken);
        return taken == 1 ? SecondFactorCheck.RecoveryCode : SecondFactorCheck.Wrong;
    }

    private static string Normalize(string? code) =>
        new((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).Take(20).ToArray());
}
