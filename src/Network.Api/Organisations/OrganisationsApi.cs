using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Nodes;

namespace Network.Api.Organisations;

public static class OrganisationsApi
{
    /// <summary>/api/datasets/{dataset}/organisations, filterable by kind, sector, stage, country and member=true|false.</summary>
    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        app.MapNodeEndpoints<Organisation>("organisations", "Organisations", (o, q) =>
            NodeEndpoints.Matches(q, "kind", k => o.Kind == k)
            && NodeEndpoints.Matches(q, "sector", s => o.Sectors.Contains(s))
            && NodeEndpoints.Matches(q, "stage", s => o.Stages.Contains(s))
            && NodeEndpoints.Matches(q, "country", c => string.Equals(o.Country, c, StringComparison.OrdinalIgnoreCase))
            && NodeEndpoints.Matches(q, "member", m => o.Member == bool.Parse(m)));
        return app;
    }
}
