using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Network.Api;

/// <summary>
/// What the OpenAPI document says beyond the endpoints themselves, so that a generated client can use it: the two ways
/// to authenticate (the X-Api-Key header for scripts, the sign-in cookie for browsers) on every operation, which
/// operations need neither, an operationId for every operation, and server addresses without a trailing slash.
/// </summary>
public static class OpenApiDescription
{
    public const string ApiKey = "apiKey", Cookie = "cookie";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Network API";
            document.Info.Description = "Stakeholder networks of innovation ecosystems: data, imports, exports and analyses per dataset. "
                + "Reading needs a sign-in unless the installation or the dataset is open to anonymous readers; writes need an editor. "
                + "Scripts send an API key in the X-Api-Key header; browsers the sign-in cookie. Updates and deletes need If-Match with the ETag you read.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [ApiKey] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Auth.ApiKeyHandler.Header,
                    Description = "An API key made by an admin (network keys create, or POST /api/users/{name}/keys); it acts as its user.",
                },
                [Cookie] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = ".AspNetCore.Cookies",
                    Description = "The session cookie of a sign-in at /account/login (browsers).",
                },
            };
            foreach (var server in document.Servers ?? [])
                server.Url = server.Url?.TrimEnd('/');
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
            {
                // Two paths with the same fixed words (…/{id} and …/{id}/{other}) get numbered ids.
                var id = operation.OperationId ?? "operation";
                for (var n = 2; !ids.Add(id); n++)
                    id = $"{operation.OperationId}{n}";
                operation.OperationId = id;
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            // Every operation names how it may be called: with a key or a cookie, and — where anonymous callers may
            // (health, survey links, reads of a dataset opened to them) — with neither.
            var metadata = description.ActionDescriptor.EndpointMetadata;
            var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] },
            ];
            if (metadata.OfType<IAllowAnonymous>().Any() || policy == Auth.Policies.Read || !metadata.OfType<IAuthorizeData>().Any())
                operation.Security.Add(new OpenApiSecurityRequirement());
            operation.OperationId ??= OperationId(description.HttpMethod ?? "GET", description.RelativePath ?? "");
            return Task.CompletedTask;
        });
    }

    /// <summary>"GET api/datasets/{dataset}/analysis/brokers" → "getAnalysisBrokers": the method and the fixed words of the path.</summary>
    public static string OperationId(string method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s is not ("api" or "datasets") && !s.StartsWith('{'))
            .SelectMany(s => s.Split('-', '.', '_'))
            .Where(w => w.Length > 0)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        return method.ToLower(CultureInfo.InvariantCulture) + string.Concat(words);
    }
}
