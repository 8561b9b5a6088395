using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Core.PersonalData;
using Modular.Web.Platform;

namespace Modular.Web.PersonalData;

/// <summary>The web shell's section of the archive: the user's personal access tokens, metadata only (never a secret or its hash).</summary>
internal sealed class AccessTokensSection(WebDbContext db) : IPersonalDataSection
{
    public string Name => "api-tokens";

    public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
    {
        var tokens = db.AccessTokens.AsNoTracking().Where(t => t.UserId == subject.UserId).OrderBy(t => t.CreatedAt)
            .Select(t => new { t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt }).AsAsyncEnumerable();
        await writer.WriteCsvAsync("tokens", "Your API tokens: name, the first characters shown on the token page, scopes, dates (the secrets are never stored)",
            ["token_id", "name", "prefix", "scopes", "created_at", "expires_at", "last_used_at", "revoked_at"], tokens,
            t => [t.Id.ToString(), t.Name, t.Prefix, t.Scopes, Iso(t.CreatedAt), Iso(t.ExpiresAt), Iso(t.LastUsedAt), Iso(t.RevokedAt)], cancellationToken);
    }

    private static string? Iso(NodaTime.Instant? instant) => instant?.ToString(null, CultureInfo.InvariantCulture);
}
