using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Modular.Web.Api;

/// <summary>
/// Writes the OpenAPI 3.1 document of <c>/api/v1</c> from the endpoints' metadata (API explorer) and
/// System.Text.Json's schema exporter. (Microsoft.AspNetCore.OpenApi needs keyed services, which the Autofac
/// integration used by Core does not provide.)
/// </summary>
internal static partial class OpenApiDocument
{
    public static IResult Write(IApiDescriptionGroupCollectionProvider explorer, IOptions<JsonOptions> json)
    {
        var options = json.Value.SerializerOptions;
        var schemas = new JsonObject();
        var paths = new JsonObject();
        foreach (var api in explorer.ApiDescriptionGroups.Items.SelectMany(g => g.Items)
                     .Where(a => a.RelativePath?.StartsWith(PortalApi.Prefix[1..], StringComparison.Ordinal) == true)
                     .OrderBy(a => a.RelativePath, StringComparer.Ordinal))
        {
            // Route constraints and defaults ({id:guid}, {page?}) are the server's business: the document names the
            // parameter only, as OpenAPI requires and code generators expect.
            var path = "/" + RouteConstraint().Replace(api.RelativePath!.Split('?')[0], "{$1}");
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            var operation = new JsonObject
            {
                ["operationId"] = api.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName,
                ["summary"] = api.ActionDescriptor.EndpointMetadata.OfType<IEndpointSummaryMetadata>().FirstOrDefault()?.Summary,
                ["security"] = new JsonArray(new JsonObject { ["token"] = new JsonArray() }),
            };
            var parameters = new JsonArray();
            foreach (var p in api.ParameterDescriptions.Where(p => p.Source.Id is "Path" or "Query"))
            {
                parameters.Add(new JsonObject
                {
                    ["name"] = p.Name,
                    ["in"] = p.Source.Id.ToLowerInvariant(),
                    ["required"] = p.Source.Id == "Path" || p.IsRequired,
                    ["schema"] = Schema(p.Type ?? typeof(string), options, schemas),
                });
            }

            if (parameters.Count > 0)
            {
                operation["parameters"] = parameters;
            }

            if (api.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body") is { Type: { } body })
            {
                operation["requestBody"] = new JsonObject
                {
                    ["required"] = true,
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Schema(body, options, schemas) } },
                };
            }

            var responses = new JsonObject();
            foreach (var response in api.SupportedResponseTypes.OrderBy(r => r.StatusCode))
            {
                var entry = new JsonObject { ["description"] = response.StatusCode < 400 ? "Success" : "Problem details with a stable `code`" };
                if (response.Type is { } type && type != typeof(void))
                {
                    entry["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Schema(type, options, schemas) } };
                }

                responses[response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)] = entry;
            }

            responses["401"] ??= new JsonObject { ["description"] = "Missing, unknown, revoked or expired token" };
            operation["responses"] = responses;
            item[api.HttpMethod?.ToLowerInvariant() ?? "get"] = operation;
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Modular customer portal API",
                ["version"] = "v1",
                ["description"] = "A customer's own data with a personal access token (Authorization: Bearer mdl_…), created in the portal's profile. " +
                    "Failures are RFC 9457 problem details whose `code` is the stable error code.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject { ["token"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } },
            },
        };
        return Results.Text(document.ToJsonString(), "application/json");
    }

    private static JsonNode Schema(Type type, JsonSerializerOptions options, JsonObject schemas)
    {
        var exporter = new JsonSchemaExporterOptions { TransformSchemaNode = (context, node) => Describe(context.TypeInfo.Type) ?? node };
        var element = Nullable.GetUnderlyingType(type) ?? type;
        if (element.IsPrimitive || element == typeof(string) || element == typeof(Guid) || element == typeof(decimal) || Describe(element) is not null)
        {
            return options.GetJsonSchemaAsNode(type, exporter);
        }

        var name = element.Name.Replace("`1", string.Empty, StringComparison.Ordinal);
        if (element.IsGenericType && element.GetGenericArguments() is [var item])
        {
            return new JsonObject { ["type"] = "array", ["items"] = Schema(item, options, schemas) };
        }

        if (!schemas.ContainsKey(name))
        {
            schemas[name] = options.GetJsonSchemaAsNode(element, exporter);
        }

        return new JsonObject { ["$ref"] = "#/components/schemas/" + name };
    }

    private static JsonNode? Describe(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(Instant) => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        var t when t == typeof(LocalDate) => new JsonObject { ["type"] = "string", ["format"] = "date" },
        var t when t == typeof(YearMonth) => new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{4}-[0-9]{2}$" },
        var t when t == typeof(Core.Money.Currency) => new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Z]{3}$" },
        _ => null,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();
}
