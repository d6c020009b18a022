using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;

namespace Network.Api.Nodes;

/// <summary>
/// The endpoints of every kind of record, /api/datasets/{dataset}/{kind}: list (search, paging, the kind's filters),
/// get, create, update and delete, all through <see cref="NodeEndpoints"/>; only the filters differ per kind.
/// </summary>
public static class NodesApi
{
    public static IEndpointRouteBuilder MapNodes(this IEndpointRouteBuilder app)
    {
        // Organisations: kind, sector, stage, country, member=true|false.
        app.MapNodeEndpoints<Organisation>("organisations", "Organisations", (o, q) =>
            NodeEndpoints.Matches(q, "kind", k => o.Kind == k)
            && NodeEndpoints.Matches(q, "sector", s => o.Sectors.Contains(s))
            && NodeEndpoints.Matches(q, "stage", s => o.Stages.Contains(s))
            && NodeEndpoints.Matches(q, "country", c => string.Equals(o.Country, c, StringComparison.OrdinalIgnoreCase))
            && NodeEndpoints.Matches(q, "member", m => o.Member == bool.Parse(m)));
        // People: role (a part of it).
        app.MapNodeEndpoints<Person>("people", "People", (p, q) => NodeEndpoints.Matches(q, "role", r => p.Role?.Contains(r, StringComparison.OrdinalIgnoreCase) ?? false));
        // Cities: country, region.
        app.MapNodeEndpoints<City>("cities", "Cities", (c, q) =>
            NodeEndpoints.Matches(q, "country", x => string.Equals(c.Country, x, StringComparison.OrdinalIgnoreCase))
            && NodeEndpoints.Matches(q, "region", r => string.Equals(c.Region, r, StringComparison.OrdinalIgnoreCase)));
        // Agreements: kind, validOn=yyyy-mm-dd.
        app.MapNodeEndpoints<Agreement>("agreements", "Agreements", (a, q) =>
            NodeEndpoints.Matches(q, "kind", k => a.Kind == k)
            && NodeEndpoints.Matches(q, "validOn", d => a.IsValidOn(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture))));
        app.MapNodeEndpoints<Sector>("sectors", "Sectors");
        // Events: kind.
        app.MapNodeEndpoints<Event>("events", "Events", (e, q) => NodeEndpoints.Matches(q, "kind", k => e.Kind == k));
        return app;
    }
}
