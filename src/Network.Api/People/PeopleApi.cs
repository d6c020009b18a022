using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Nodes;

namespace Network.Api.People;

public static class PeopleApi
{
    /// <summary>/api/datasets/{dataset}/people, filterable by role.</summary>
    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        app.MapNodeEndpoints<Person>("people", "People", (p, q) => NodeEndpoints.Matches(q, "role", r => p.Role?.Contains(r, StringComparison.OrdinalIgnoreCase) ?? false));
        return app;
    }
}
