using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Modular.Readings.Web;
using Modular.TestSupport;
using Modular.Web.Api;
using Modular.Web.Platform;
using Modular.Web.Security;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>Personal access tokens: shown once, stored hashed, scoped, revocable, last use recorded; the API takes nothing else.</summary>
public abstract class TokenTests(TestDatabase database)
{
    [DbFact]
    public async Task The_api_refuses_a_call_without_a_token_with_problem_details()
    {
        await using var portal = new PortalFactory(database);
        var response = await portal.Client().GetAsync("/api/v1/me");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [DbFact]
    public async Task The_api_does_not_accept_the_session_cookie()
    {
        await using var portal = new PortalFactory(database);
        var client = await portal.SignedInClientAsync(Guid.NewGuid());
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [DbFact]
    public async Task A_token_is_stored_only_as_a_hash_and_identifies_its_owner_and_scopes()
    {
        await using var portal = new PortalFactory(database);
        var user = Guid.NewGuid();
        var created = await CreateAsync(portal, user, "script", TokenScopes.Read);

        var row = await WithDbAsync(portal, db => db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == created.Token.Id));
        row.Hash.ShouldNotBe(created.Secret);
        row.Hash.ShouldBe(AccessTokenService.Hash(created.Secret));
        created.Secret.ShouldStartWith(row.Prefix);
        row.LastUsedAt.ShouldBeNull();

        var me = await Api(portal, created.Secret).GetFromJsonAsync<Me>("/api/v1/me");
        me!.UserId.ShouldBe(user);
        me.Scopes.ShouldBe([TokenScopes.Read]);
        var used = await WithDbAsync(portal, db => db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == created.Token.Id));
        used.LastUsedAt.ShouldBe(portal.Clock.GetCurrentInstant());
    }

    [DbFact]
    public async Task A_revoked_token_is_refused_and_revoking_again_changes_nothing()
    {
        await using var portal = new PortalFactory(database);
        var user = Guid.NewGuid();
        var created = await CreateAsync(portal, user, "script", TokenScopes.Read);
        (await Api(portal, created.Secret).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<AccessTokenService>();
            (await tokens.RevokeAsync(user, created.Token.Id)).IsSuccess.ShouldBeTrue();
            portal.Clock.Advance(Duration.FromMinutes(5));
            (await tokens.RevokeAsync(user, created.Token.Id)).IsSuccess.ShouldBeTrue();
        }

        (await Api(portal, created.Secret).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var row = await WithDbAsync(portal, db => db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == created.Token.Id));
        row.RevokedAt.ShouldBe(portal.Clock.GetCurrentInstant() - Duration.FromMinutes(5));
    }

    [DbFact]
    public async Task A_user_cannot_revoke_someone_elses_token()
    {
        await using var portal = new PortalFactory(database);
        var created = await CreateAsync(portal, Guid.NewGuid(), "mine", TokenScopes.Read);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<AccessTokenService>().RevokeAsync(Guid.NewGuid(), created.Token.Id);
            result.IsFailure.ShouldBeTrue();
        }

        (await Api(portal, created.Secret).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task An_expired_token_is_refused()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?> { ["Modular:Web:AccessTokenLifetimeDays"] = "30" });
        var created = await CreateAsync(portal, Guid.NewGuid(), "script", TokenScopes.Read);
        portal.Clock.Advance(Duration.FromDays(31));
        (await Api(portal, created.Secret).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [DbFact]
    public async Task A_token_needs_a_name_and_known_scopes_and_a_user_holds_a_limited_number()
    {
        await using var portal = new PortalFactory(database, new Dictionary<string, string?> { ["Modular:Web:MaxAccessTokensPerUser"] = "2" });
        await using var scope = portal.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<AccessTokenService>();
        var user = Guid.NewGuid();
        (await tokens.CreateAsync(user, " ", [TokenScopes.Read])).HasError("web.token_name_required").ShouldBeTrue();
        (await tokens.CreateAsync(user, "x", [])).HasError("web.token_scope_required").ShouldBeTrue();
        (await tokens.CreateAsync(user, "x", ["admin"])).HasError("web.token_scope_unknown").ShouldBeTrue();
        (await tokens.ListAsync(user)).ShouldBeEmpty();

        (await tokens.CreateAsync(user, "one", [TokenScopes.Read])).IsSuccess.ShouldBeTrue();
        (await tokens.CreateAsync(user, "two", [TokenScopes.Read])).IsSuccess.ShouldBeTrue();
        (await tokens.CreateAsync(user, "three", [TokenScopes.Read])).HasError("web.too_many_tokens").ShouldBeTrue();
        (await tokens.ListAsync(user)).Count.ShouldBe(2);
    }

    [DbFact]
    public async Task The_tokens_page_shows_a_new_secret_once_and_lists_only_the_users_own_tokens()
    {
        await using var portal = new PortalFactory(database);
        var owner = await portal.SignedInClientAsync(Guid.NewGuid(), "en");
        var token = await PortalFactory.AntiforgeryTokenAsync(owner, "/Profile/Tokens");
        var created = await PortalFactory.PostFormAsync(owner, "/Profile/Tokens?handler=Create", token,
            ("Name", "home meter script"), ("Scopes", TokenScopes.Read), ("Scopes", ReadingsWebModule.SubmitReadingsScope));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await created.Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(html, "mdl_[A-Za-z0-9_-]{20,}").Value;
        secret.ShouldNotBeEmpty();
        html.ShouldContain("shown only this once");

        var again = await owner.GetStringAsync("/Profile/Tokens");
        again.ShouldContain("home meter script");
        again.ShouldNotContain(secret);
        (await Api(portal, secret).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stranger = await portal.SignedInClientAsync(Guid.NewGuid(), "en");
        (await stranger.GetStringAsync("/Profile/Tokens")).ShouldNotContain("home meter script");
    }

    [DbFact]
    public async Task The_tokens_page_shows_a_missing_name_next_to_its_field_in_the_users_language()
    {
        await using var portal = new PortalFactory(database);
        var client = await portal.SignedInClientAsync(Guid.NewGuid(), "ro");
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Profile/Tokens");
        var response = await PortalFactory.PostFormAsync(client, "/Profile/Tokens?handler=Create", token, ("Name", ""), ("Scopes", TokenScopes.Read));
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("aria-describedby=\"Name-error\"");
        html.ShouldContain("id=\"Name-error\"");
        html.ShouldContain("Dați un nume tokenului.");
    }

    [DbFact]
    public async Task The_openapi_document_describes_the_api_and_its_token_scheme()
    {
        await using var portal = new PortalFactory(database);
        var document = JsonDocument.Parse(await portal.Client().GetStringAsync("/api/v1/openapi.json")).RootElement;
        document.GetProperty("openapi").GetString().ShouldBe("3.1.0");
        document.GetProperty("paths").TryGetProperty("/api/v1/me", out _).ShouldBeTrue();
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("token").GetProperty("scheme").GetString().ShouldBe("bearer");
    }

    [DbFact]
    public async Task The_openapi_document_passes_an_openapi_validator_and_names_path_parameters_without_route_constraints()
    {
        await using var portal = new PortalFactory(database);
        var json = await portal.Client().GetStringAsync("/api/v1/openapi.json");

        var read = Microsoft.OpenApi.OpenApiDocument.Parse(json, "json");

        read.Diagnostic!.Errors.ShouldBeEmpty(string.Join("; ", read.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        read.Diagnostic.SpecificationVersion.ShouldBe(Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1);
        var errors = Microsoft.OpenApi.OpenApiElementExtensions.Validate(read.Document!, Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet())!.ToList();
        errors.ShouldBeEmpty(string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        read.Document!.Paths.Keys.ShouldContain("/api/v1/invoices/{id}");
        read.Document.Paths.Keys.ShouldAllBe(path => !path.Contains(':'));
    }

    internal static async Task<CreatedAccessToken> CreateAsync(PortalFactory portal, Guid user, string name, params string[] scopes)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccessTokenService>().CreateAsync(user, name, scopes);
        return result.Value;
    }

    internal static HttpClient Api(PortalFactory portal, string secret)
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<T> WithDbAsync<T>(PortalFactory portal, Func<WebDbContext, Task<T>> query)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WebDbContext>());
    }
}

public sealed class SqliteTokenTests(SqliteDatabase database) : TokenTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresTokenTests(PostgresDatabase database) : TokenTests(database), IClassFixture<PostgresDatabase>;
