using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using NodaTime;

namespace Modular.Web.Platform;

/// <summary>A data protection key, stored as the XML the key manager writes.</summary>
public sealed class DataProtectionKeyRow
{
    public Guid Id { get; set; }

    public string FriendlyName { get; set; } = string.Empty;

    public string Xml { get; set; } = string.Empty;

    public Instant CreatedAt { get; set; }
}

/// <summary>A personal access token: only the SHA-256 hash of the secret is stored.</summary>
public sealed class AccessTokenRow
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the full token text.</summary>
    public string Hash { get; set; } = string.Empty;

    /// <summary>The first characters of the token, shown in lists so the owner can tell tokens apart.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Space-separated scopes (see <see cref="Security.TokenScopes"/>).</summary>
    public string Scopes { get; set; } = string.Empty;

    public Instant CreatedAt { get; set; }

    public Instant? ExpiresAt { get; set; }

    public Instant? LastUsedAt { get; set; }

    public Instant? RevokedAt { get; set; }

    /// <summary>
    /// 1..MaxAccessTokensPerUser while the token holds one of its owner's places; null once revoked or expired. Unique
    /// per user, so concurrent creations cannot exceed the limit: two that pick the same place collide in the index.
    /// </summary>
    public int? Slot { get; set; }
}

/// <summary>The web host's own storage (schema "web"): shared data protection keys and personal access tokens.</summary>
public sealed class WebDbContext(DbContextOptions<WebDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "web";

    public override string Schema => SchemaName;

    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    public DbSet<AccessTokenRow> AccessTokens => Set<AccessTokenRow>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DataProtectionKeyRow>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(k => k.FriendlyName).HasMaxLength(200);
            e.HasIndex(k => k.FriendlyName).IsUnique();
        });
        modelBuilder.Entity<AccessTokenRow>(e =>
        {
            e.ToTable("access_tokens");
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Prefix).HasMaxLength(20);
            e.Property(t => t.Scopes).HasMaxLength(200);
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.HasIndex(t => new { t.UserId, t.Slot }).IsUnique();
        });
    }
}
