using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Network.Api.Auth;
using Network.Api.Http;
using Network.Api.Hubs;
using Network.Api.Nodes;

namespace Network.Api.Layout;

/// <summary>Every organisation's position (layout units: a typical tie is about 1 long), the data version, and which are pinned.</summary>
public sealed record LayoutResult(IReadOnlyDictionary<string, double[]> Nodes, long Version, IReadOnlyList<string> Pinned);

/// <summary>Positions to pin (x, y) or to let go (null), by organisation id.</summary>
/// <param name="Nodes">Each organisation's new place, or null to let it go.</param>
/// <param name="Origin">The sending page's own mark, echoed in the hub's LayoutChanged so that page can skip its own change.</param>
public sealed record PinRequest(IReadOnlyDictionary<string, double[]?> Nodes, string? Origin = null);

/// <summary>/api/datasets/{dataset}/layout: the shared map of the organisation network, and the pins colleagues set by dragging.</summary>
public static class LayoutApi
{
    public const int MaxPinsPerRequest = 1000;
    public const int MaxOriginLength = 64;
    private const double MaxCoordinate = 1e6;

    public static IEndpointRouteBuilder MapLayout(this IEndpointRouteBuilder app)
    {
        var group = app.MapApi("/api/datasets/{dataset}/layout", "Layout");

        group.MapGet("/", async (string dataset, HttpResponse response, LayoutService layouts, CancellationToken ct) =>
        {
            var layout = await layouts.GetAsync(dataset, ct);
            response.Headers["X-Data-Version"] = layout.Version.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Ok(Result(layout));
        }).RequireAuthorization(Policies.Read).RequireRateLimiting(AuthSetup.RateAnalysis)
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Every organisation's position on the shared map, for the whole dataset");

        group.MapPut("/pins", async Task<Results<Ok<LayoutResult>, ProblemHttpResult>> (string dataset, PinRequest request, HttpContext context, LayoutService layouts,
            IHubContext<NetworkHub, INetworkClient> hub, CancellationToken ct) =>
        {
            static ProblemHttpResult Invalid(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");
            var current = await layouts.GetAsync(dataset, ct);
            if (request.Nodes is not { Count: > 0 and <= MaxPinsPerRequest })
                return Invalid($"Send 1–{MaxPinsPerRequest} organisations in 'nodes', each with [x, y] to pin it or null to let it go.");
            if (request.Origin is { Length: > MaxOriginLength })
                return Invalid($"'origin' is at most {MaxOriginLength} characters.");
            foreach (var (id, position) in request.Nodes)
            {
                if (current.Graph.IndexOf(id) < 0)
                    return Missing.Answer($"No organisation '{id}' on the map of '{dataset}'.");
                if (position is not null && (position.Length != 2 || position.Any(c => !double.IsFinite(c) || Math.Abs(c) > MaxCoordinate)))
                    return Invalid($"The position of '{id}' must be [x, y] with finite numbers within ±{MaxCoordinate:G0}.");
            }
            var pins = layouts.Pins.Change(dataset, request.Nodes);
            var layout = await layouts.GetAsync(dataset, ct);
            await hub.Clients.Group(NetworkHub.Group(dataset)).LayoutChanged(new LayoutEvent(dataset, layout.Version, pins.Stamp, context.User.UserName(), request.Origin));
            return TypedResults.Ok(Result(layout));
        }).RequireAuthorization(Policies.Edit).RequireRateLimiting(AuthSetup.RateWrites)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Pin organisations where a colleague dragged them (or let them go); everyone sees the same map");
        return app;
    }

    private static LayoutResult Result(DatasetLayout layout)
    {
        var nodes = new Dictionary<string, double[]>(layout.Graph.NodeCount, StringComparer.Ordinal);
        for (var v = 0; v < layout.Graph.NodeCount; v++)
            nodes[layout.Graph.Ids[v]] = [Math.Round(layout.Positions.X[v], 3), Math.Round(layout.Positions.Y[v], 3)];
        return new LayoutResult(nodes, layout.Version, [.. layout.Pinned.Order(StringComparer.Ordinal)]);
    }
}
