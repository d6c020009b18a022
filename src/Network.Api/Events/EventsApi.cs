using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Nodes;

namespace Network.Api.Events;

public static class EventsApi
{
    /// <summary>/api/datasets/{dataset}/events, filterable by kind.</summary>
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapNodeEndpoints<Event>("events", "Events", (e, q) => NodeEndpoints.Matches(q, "kind", k => e.Kind == k));
        return app;
    }
}
