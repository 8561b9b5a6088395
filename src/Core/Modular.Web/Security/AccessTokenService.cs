using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Audit;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Web.Platform;
using NodaTime;

namespace Modular.Web.Security;

/// <summary>The shell's own token scope; modules' UI packages declare theirs (see <see cref="Hooks.WebContributions.AddTokenScope"/>).</summary>
public static class TokenScopes
{
    /// <summary>Read the owner's own data (invoices, readings, payments, contracts).</summary>
    public const string Read = "read";
}

public sealed record AccessTokenView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, Instant CreatedAt,
    Instant? ExpiresAt, Instant? LastUsedAt, Instant? RevokedAt)
{
    public bool IsActive(Instant now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A token just created: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedAccessToken(AccessTokenView Token, string Secret);

/// <summary>The owner and scopes of a presented token.</summary>
public sealed record TokenIdentity(Guid TokenId, Guid UserId, IReadOnlyList<string> Scopes);

/// <summary>Personal access tokens: random secrets shown once, stored as SHA-256 hashes, scoped, revocable, last use recorded.</summary>
public sealed class AccessTokenService(WebDbContext db, IClock clock, IOptions<WebOptions> options, IEnumerable<Hooks.TokenScope> declared, IAuditTrail audit)
{
    /// <summary>The scopes a token may carry, in the order the token page lists them.</summary>
    public IReadOnlyList<Hooks.TokenScope> AvailableScopes { get; } = declared.DistinctBy(s => s.Name).OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();

    public const string SecretPrefix = "mdl_";

    /// <summary>Last use is written at most this often per token, so busy scripts do not turn reads into writes.</summary>
    private static readonly Duration LastUseResolution = Duration.FromMinutes(1);

    public async Task<Result<CreatedAccessToken>> CreateAsync(Guid userId, string? name, IReadOnlyCollection<string> scopes, CancellationToken ct = default)
    {
        var errors = new List<Error>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new Error("web.token_name_required", "Name"));
        }
        else if (name.Length > 100)
        {
            errors.Add(new Error("web.token_name_too_long", "Name"));
        }

        if (scopes.Count == 0)
        {
            errors.Add(new Error("web.token_scope_required", "Scopes"));
        }
        else if (scopes.FirstOrDefault(s => !AvailableScopes.Any(d => d.Name == s)) is { } unknown)
        {
            errors.Add(Error.Of("web.token_scope_unknown", "Scopes", ("scope", unknown)));
        }

        if (errors.Count > 0)
        {
            return Result<CreatedAccessToken>.Failure(errors);
        }

        var now = clock.GetCurrentInstant();
        var max = options.Value.MaxAccessTokensPerUser;
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new AccessTokenRow
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name!,
            Hash = Hash(secret),
            Prefix = secret[..(SecretPrefix.Length + 6)],
            Scopes = string.Join(' ', AvailableScopes.Select(d => d.Name).Where(scopes.Contains)),
            CreatedAt = now,
            ExpiresAt = now + Duration.FromDays(options.Value.AccessTokenLifetimeDays),
        };

        // Expired tokens give their places back.
        await db.AccessTokens.Where(t => t.UserId == userId && t.Slot != null && t.ExpiresAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Slot, (int?)null), ct);

        // Take the lowest free place; a concurrent creation that took it first makes the insert collide in the unique
        // (UserId, Slot) index, and we look again. Every collision means another token was created, so this ends.
        while (true)
        {
            var taken = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId && t.Slot != null).Select(t => t.Slot!.Value).ToListAsync(ct);
            var free = Enumerable.Range(1, max).Except(taken).Select(s => (int?)s).FirstOrDefault();
            if (taken.Count >= max || free is null)
            {
                return Result<CreatedAccessToken>.Failure(Error.Of("web.too_many_tokens", null, ("max", max)));
            }

            row.Slot = free;
            db.AccessTokens.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                audit.Record(new AuditEvent(SecurityEvents.TokenCreated, SubjectId: userId));
                await audit.FlushAsync(ct);
                return new CreatedAccessToken(View(row), secret);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    public async Task<IReadOnlyList<AccessTokenView>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        var rows = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
        return rows.OrderByDescending(t => t.CreatedAt).Select(View).ToList();
    }

    /// <summary>Revokes one of the user's tokens. Revoking twice is harmless; another user's token is "not found".</summary>
    public async Task<Result> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct = default)
    {
        var row = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (row is null)
        {
            return Result.Failure(CoreErrors.NotFound);
        }

        if (row.RevokedAt is null)
        {
            row.RevokedAt = clock.GetCurrentInstant();
            row.Slot = null;
            await db.SaveChangesAsync(ct);
            audit.Record(new AuditEvent(SecurityEvents.TokenRevoked, SubjectId: userId));
            await audit.FlushAsync(ct);
        }

        return Result.Success();
    }

    /// <summary>
    /// Revokes every active token of the user at once (offered after a password change or when sessions end, since tokens
    /// outlive sessions); answers how many. One statement, so a token created meanwhile is either revoked or listed after.
    /// </summary>
    public async Task<int> RevokeAllAsync(Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var revoked = await db.AccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.Slot, (int?)null), ct);
        for (var i = 0; i < revoked; i++)
        {
            audit.Record(new AuditEvent(SecurityEvents.TokenRevoked, SubjectId: userId));
        }

        await audit.FlushAsync(ct);
        return revoked;
    }

    /// <summary>The identity behind a presented token, or null when it is unknown, revoked or expired; records its use.</summary>
    public async Task<TokenIdentity?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(SecretPrefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var hash = Hash(presented);
        var row = await db.AccessTokens.SingleOrDefaultAsync(t => t.Hash == hash, ct);
        var now = clock.GetCurrentInstant();
        if (row is null || row.RevokedAt is not null || (row.ExpiresAt is { } expires && expires <= now))
        {
            return null;
        }

        if (row.LastUsedAt is null || now - row.LastUsedAt.Value >= LastUseResolution)
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return new TokenIdentity(row.Id, row.UserId, SplitScopes(row.Scopes));
    }

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static AccessTokenView View(AccessTokenRow row) =>
        new(row.Id, row.Name, row.Prefix, SplitScopes(row.Scopes), row.CreatedAt, row.ExpiresAt, row.LastUsedAt, row.RevokedAt);

    private static string[] SplitScopes(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
