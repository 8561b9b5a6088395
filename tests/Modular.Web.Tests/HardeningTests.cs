using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Modular.TestSupport;
using Modular.Web.Platform;
using Modular.Web.Security;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>The token limit under concurrency, forwarded headers from trusted proxies only, and key ring encryption at rest.</summary>
public abstract class HardeningTests(TestDatabase database)
{
    [DbFact]
    public async Task Twenty_concurrent_token_creations_for_one_user_leave_exactly_the_limit()
    {
        await using var portal = new PortalFactory(database);
        _ = portal.Server;
        var user = Guid.NewGuid();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await using var scope = portal.Services.CreateAsyncScope();
            var tokens = scope.ServiceProvider.GetRequiredService<AccessTokenService>();
            await start.Task;
            return await tokens.CreateAsync(user, $"script {i}", [TokenScopes.Read]);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        results.Count(r => r.IsSuccess).ShouldBe(10);
        results.Where(r => r.IsFailure).ShouldAllBe(r => r.HasError("web.too_many_tokens"));
        var rows = await WithDbAsync(portal, db => db.AccessTokens.AsNoTracking().Where(t => t.UserId == user).ToListAsync());
        rows.Count.ShouldBe(10);
        rows.Select(r => r.Slot).OrderBy(s => s).ShouldBe(Enumerable.Range(1, 10).Select(s => (int?)s));
    }

    [DbFact]
    public async Task Upgrading_numbers_the_existing_active_tokens_of_each_user_in_order_of_creation()
    {
        var fresh = await database.CreateSiblingAsync();
        try
        {
            await using var portal = new PortalFactory(fresh, new Dictionary<string, string?> { ["Modular:Storage:MigrateOnStartup"] = "false" });
            await using var scope = portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
            await db.GetService<IMigrator>().MigrateAsync("20261122001000_Initial");
            var table = database.Provider == Core.Persistence.StorageProvider.Sqlite ? "\"web_access_tokens\"" : "\"web\".\"access_tokens\"";
            var insert = "INSERT INTO " + table + " (\"Id\", \"UserId\", \"Name\", \"Hash\", \"Prefix\", \"Scopes\", \"CreatedAt\", \"RevokedAt\") " +
                "VALUES ({0}, {1}, {2}, {3}, 'mdl_x', 'read', {4}, ";
            var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
            var day = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            foreach (var (user, name, created, revoked) in new[]
                     {
                         (alice, "second", day.AddDays(2), (DateTime?)null), (alice, "first", day, null), (alice, "revoked", day.AddDays(1), day.AddDays(3)),
                         (bob, "only", day.AddDays(5), null),
                     })
            {
                object[] values = [Guid.NewGuid(), user, name, Guid.NewGuid().ToString("N"), created, .. revoked is { } r ? new object[] { r } : []];
                var sql = insert + (revoked is null ? "NULL)" : "{5})");
                await db.Database.ExecuteSqlRawAsync(sql, values);
            }

            await db.Database.MigrateAsync();

            var slots = await db.AccessTokens.AsNoTracking().ToDictionaryAsync(t => t.Name, t => t.Slot);
            slots.ShouldBe(new Dictionary<string, int?> { ["first"] = 1, ["second"] = 2, ["revoked"] = null, ["only"] = 1 }, ignoreOrder: true);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [DbFact]
    public async Task A_revoked_or_expired_token_gives_its_place_back()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?>
        {
            ["Modular:Web:MaxAccessTokensPerUser"] = "2",
            ["Modular:Web:AccessTokenLifetimeDays"] = "30",
        });
        await using var scope = portal.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<AccessTokenService>();
        var user = Guid.NewGuid();
        var first = (await tokens.CreateAsync(user, "one", [TokenScopes.Read])).Value;
        (await tokens.CreateAsync(user, "two", [TokenScopes.Read])).IsSuccess.ShouldBeTrue();
        (await tokens.CreateAsync(user, "three", [TokenScopes.Read])).HasError("web.too_many_tokens").ShouldBeTrue();

        (await tokens.RevokeAsync(user, first.Token.Id)).IsSuccess.ShouldBeTrue();
        (await tokens.CreateAsync(user, "three", [TokenScopes.Read])).IsSuccess.ShouldBeTrue();
        (await tokens.CreateAsync(user, "four", [TokenScopes.Read])).HasError("web.too_many_tokens").ShouldBeTrue();

        portal.Clock.Advance(Duration.FromDays(31));
        (await tokens.CreateAsync(user, "four", [TokenScopes.Read])).IsSuccess.ShouldBeTrue();
        (await tokens.CreateAsync(user, "five", [TokenScopes.Read])).IsSuccess.ShouldBeTrue();
        (await tokens.CreateAsync(user, "six", [TokenScopes.Read])).HasError("web.too_many_tokens").ShouldBeTrue();
        var rows = await WithDbAsync(portal, db => db.AccessTokens.AsNoTracking().Where(t => t.UserId == user).ToListAsync());
        rows.Select(r => r.Name).Order().ShouldBe(["five", "four", "one", "three", "two"]);
        rows.Where(r => r.Slot != null).Select(r => r.Name).Order().ShouldBe(["five", "four"]);
    }

    [DbFact]
    public async Task Behind_a_trusted_proxy_forwarding_https_the_session_cookie_is_secure_with_the_host_prefix()
    {
        await using var portal = new PortalFactory(database, Proxy("10.0.0.5"));
        var cookie = await SessionCookieAsync(portal, from: "10.0.0.5", forwardedProto: "https");
        cookie.ShouldStartWith("__Host-modular.session=");
        cookie.ToLowerInvariant().ShouldContain("secure");
    }

    [DbFact]
    public async Task Forwarded_headers_from_an_unknown_proxy_are_ignored()
    {
        await using var portal = new PortalFactory(database, Proxy("10.0.0.5"));
        var cookie = await SessionCookieAsync(portal, from: "192.0.2.44", forwardedProto: "https");
        cookie.ShouldStartWith("modular.session=");
        cookie.ToLowerInvariant().ShouldNotContain("secure");
    }

    [DbFact]
    public async Task Forwarded_headers_are_ignored_unless_enabled()
    {
        await using var portal = new PortalFactory(database);
        var cookie = await SessionCookieAsync(portal, from: "127.0.0.1", forwardedProto: "https");
        cookie.ShouldStartWith("modular.session=");
    }

    [DbFact]
    public async Task A_trusted_network_is_accepted_and_a_bad_proxy_address_stops_the_start_naming_the_key()
    {
        await using (var network = new PortalFactory(database, new Dictionary<string, string?>
                     {
                         ["Modular:Web:ForwardedHeaders:Enabled"] = "true",
                         ["Modular:Web:ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16",
                     }))
        {
            (await SessionCookieAsync(network, from: "10.1.2.3", forwardedProto: "https")).ShouldStartWith("__Host-modular.session=");
        }

        await using var bad = new PortalFactory(database, Proxy("10.0.0.300"));
        StartFailure(bad).ShouldContain("Modular:Web:ForwardedHeaders:KnownProxies");
    }

    [DbFact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_two_instances_still_share_sessions()
    {
        var fresh = await database.CreateSiblingAsync();
        var (path, password) = WriteCertificate();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Modular:Web:DataProtection:CertificatePath"] = path,
                ["Modular:Web:DataProtection:Password"] = password,
            };
            await using var first = new PortalFactory(fresh, settings);
            await using var second = new PortalFactory(fresh, settings, first.Clock);
            var signIn = await first.Client().GetAsync($"/test/sign-in?user={Guid.NewGuid()}");
            var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("modular.session=", StringComparison.Ordinal)).Split(';')[0];

            var keys = await WithDbAsync(first, db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
            keys.ShouldNotBeEmpty();
            keys.ShouldAllBe(xml => xml.Contains("encryptedSecret") && !xml.Contains("<masterKey"));
            first.Log.ShouldNotContain(m => m.Contains("stored unencrypted"));

            var other = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Profile/Tokens");
            request.Headers.Add("Cookie", session);
            (await other.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            File.Delete(path);
            await fresh.DisposeAsync();
        }
    }

    [DbFact]
    public async Task Without_a_certificate_the_keys_are_stored_as_before_with_one_warning_at_start()
    {
        var fresh = await database.CreateSiblingAsync();
        try
        {
            await using var portal = new PortalFactory(fresh);
            await portal.Client().GetAsync($"/test/sign-in?user={Guid.NewGuid()}");
            var keys = await WithDbAsync(portal, db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
            keys.ShouldNotBeEmpty();
            keys.ShouldAllBe(xml => xml.Contains("<masterKey"));
            portal.Log.Count(m => m.Contains("stored unencrypted")).ShouldBe(1);
            portal.Log.ShouldContain(m => m.Contains("Modular:Web:DataProtection:CertificatePath"));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [DbFact]
    public async Task A_missing_certificate_file_stops_the_start_naming_the_key()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?>
        {
            ["Modular:Web:DataProtection:CertificatePath"] = Path.Combine(Path.GetTempPath(), "modular-tests", "missing.pfx"),
        });
        StartFailure(portal).ShouldContain("Modular:Web:DataProtection:CertificatePath");
    }

    private static string StartFailure(PortalFactory portal)
    {
        try
        {
            _ = portal.Server;
        }
        catch (Exception e)
        {
            return e.ToString();
        }

        throw new ShouldAssertException("the portal started");
    }

    private static Dictionary<string, string?> Proxy(string address) => new()
    {
        ["Modular:Web:ForwardedHeaders:Enabled"] = "true",
        ["Modular:Web:ForwardedHeaders:KnownProxies:0"] = address,
    };

    private static async Task<string> SessionCookieAsync(PortalFactory portal, string from, string forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{PortalFactory.LateSignInPath}?user={Guid.NewGuid()}");
        request.Headers.Add(PortalFactory.RemoteAddressHeader, from);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await portal.Client().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("modular.session=", StringComparison.Ordinal));
    }

    private static (string Path, string Password) WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Modular portal keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var password = Guid.NewGuid().ToString("N");
        var folder = Path.Combine(Path.GetTempPath(), "modular-tests");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }

    internal static async Task<T> WithDbAsync<T>(PortalFactory portal, Func<WebDbContext, Task<T>> query)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WebDbContext>());
    }
}

public sealed class SqliteHardeningTests(SqliteDatabase database) : HardeningTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresHardeningTests(PostgresDatabase database) : HardeningTests(database), IClassFixture<PostgresDatabase>;
