using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Modular.Readings.Web;
using Modular.TestSupport;
using Modular.Web.Security;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests;

/// <summary>Every error the API answers, the framework's own included, is problem details with a stable code and a localized title.</summary>
public abstract class ApiErrorTests(TestDatabase database)
{
    [DbFact]
    public async Task Every_kind_of_bad_request_answers_problem_details_with_a_stable_code()
    {
        await using var portal = new PortalFactory(database);
        var created = await TokenTests.CreateAsync(portal, Guid.NewGuid(), "errors", TokenScopes.Read, ReadingsWebModule.SubmitReadingsScope);
        var api = TokenTests.Api(portal, created.Secret);
        var readings = $"/api/v1/meters/{Guid.NewGuid()}/readings";
        var cases = new List<(string What, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status, string Code)>
        {
            ("not JSON", () => api.PostAsync(readings, Json("{index: ")), HttpStatusCode.BadRequest, "web.bad_request"),
            ("wrong type", () => api.PostAsync(readings, Json("{\"index\": \"many\"}")), HttpStatusCode.BadRequest, "web.bad_request"),
            ("NaN", () => api.PostAsync(readings, Json("{\"index\": NaN}")), HttpStatusCode.BadRequest, "web.bad_request"),
            ("number out of range", () => api.PostAsync(readings, Json("{\"index\": 1e400}")), HttpStatusCode.BadRequest, "web.bad_request"),
            ("empty body", () => api.PostAsync(readings, Json(string.Empty)), HttpStatusCode.BadRequest, "web.bad_request"),
            ("wrong content type", () => api.PostAsync(readings, new StringContent("{\"index\": 5}", Encoding.UTF8, "text/plain")),
                HttpStatusCode.UnsupportedMediaType, "web.unsupported_media_type"),
            ("unknown enum", () => api.GetAsync("/api/v1/invoices?status=Bogus"), HttpStatusCode.BadRequest, "web.bad_request"),
            ("malformed id", () => api.GetAsync("/api/v1/invoices/not-a-guid"), HttpStatusCode.NotFound, "core.not_found"),
            ("unknown path", () => api.GetAsync("/api/v1/nowhere"), HttpStatusCode.NotFound, "core.not_found"),
            ("wrong method", () => api.DeleteAsync("/api/v1/me"), HttpStatusCode.MethodNotAllowed, "web.method_not_allowed"),
            ("no token", () => portal.Client().GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "web.unauthenticated"),
            ("unknown meter", () => api.PostAsync(readings, Json("{\"index\": 5}")), HttpStatusCode.NotFound, "readings.meter_not_found"),
        };

        foreach (var (what, send, status, code) in cases)
        {
            var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(status, $"{what}: {body}");
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
            var problem = JsonDocument.Parse(body).RootElement;
            problem.GetProperty("code").GetString().ShouldBe(code, what);
            problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace(what);
        }
    }

    [DbFact]
    public async Task A_framework_error_is_explained_in_the_language_the_caller_asks_for()
    {
        await using var portal = new PortalFactory(database);
        var created = await TokenTests.CreateAsync(portal, Guid.NewGuid(), "errors", TokenScopes.Read, ReadingsWebModule.SubmitReadingsScope);
        var api = TokenTests.Api(portal, created.Secret);
        api.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("lv"));

        var response = await api.PostAsync($"/api/v1/meters/{Guid.NewGuid()}/readings", Json("{index: "));

        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("Pieprasījumu nevarēja nolasīt: pārbaudiet JSON saturu, parametrus un to tipus.");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

public sealed class SqliteApiErrorTests(SqliteDatabase database) : ApiErrorTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresApiErrorTests(PostgresDatabase database) : ApiErrorTests(database), IClassFixture<PostgresDatabase>;
