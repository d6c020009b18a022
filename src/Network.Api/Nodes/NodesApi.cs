using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Analysis.Text;
using Network.Api.Http;

namespace Network.Api.Nodes;

/// <summary>
/// The endpoints of every kind of record, /api/datasets/{dataset}/{kind}: list (search, paging, the kind's filters),
/// get, create, update and delete, all through <see cref="NodeEndpoints"/>; only the filters differ per kind.
/// </summary>
public static class NodesApi
{
    /// <summary>One line of a search answer: what a type-ahead shows.</summary>
    public sealed record Found(string Id, string Name, string Label, string? Detail);

    public const int MaxFound = 50;

    /// <summary>
    /// GET /api/datasets/{dataset}/search?q=…&amp;labels=Organisation,Person&amp;limit=8: records of any kind by name, short
    /// name or other name, best match first (<see cref="NameSearch"/>) — what the pickers and the header search ask.
    /// </summary>
    private static void MapSearch(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/datasets/{dataset}/search", async Task<Ok<IReadOnlyList<Found>>> (string dataset, string? q, string? labels, int? limit, Analysis.AnalysisService analysis, CancellationToken cancellationToken) =>
        {
            var snapshot = await analysis.GetAsync(dataset, null, cancellationToken);
            var wanted = (labels ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(l => Enum.TryParse<NodeLabel>(l, true, out var label) ? label : throw new BadHttpRequestException($"labels: '{l}' is not a kind of record (one of: {string.Join(", ", Enum.GetNames<NodeLabel>())})."))
                .ToHashSet();
            var nodes = snapshot.Graph.Nodes.Where(n => wanted.Count == 0 || wanted.Contains(n.Label));
            IReadOnlyList<Found> found = string.IsNullOrWhiteSpace(q) ? [] : NameSearch.Find(nodes, q).Take(Math.Clamp(limit ?? 8, 1, MaxFound))
                .Select(n => new Found(n.Id, n.DisplayName, n.Label.ToString(), Detail(n)))
                .ToList();
            return TypedResults.Ok(found);
        })
        .WithTags("Search").AddEndpointFilter<ApiErrorFilter>()
        .RequireAuthorization(Auth.Policies.Read)
        .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable)
        .WithSummary("Find records of any kind by name, short name or other name, best match first");
    }

    /// <summary>What tells two records of the same name apart: an organisation's kind and city, a city's country.</summary>
    private static string? Detail(Node node) => node switch
    {
        Organisation o => o.ShortName is { } s && s != o.Name ? $"{s} · {o.Kind}" : o.Kind,
        City c => c.Country,
        Agreement a => a.Kind,
        Event e => e.Kind,
        Person p => p.Role,
        _ => null,
    };

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
        MapSearch(app);
        return app;
    }
}
