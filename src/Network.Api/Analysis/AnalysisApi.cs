using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Network.Analysis;
using Network.Analysis.Domain;
using Network.Analysis.Graphs;
using Network.Analysis.Insights;
using Network.Analysis.ValueChain;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Http;
using Network.Api.Nodes;

namespace Network.Api.Analysis;

public sealed record NodeMetrics(string Id, string Name, string Network, int Degree, double Strength, double Betweenness, double? Closeness, double? Harmonic, double PageRank, double Eigenvector,
    double? Constraint, double? EffectiveSize, double? Efficiency, double? Hierarchy, int CoreNumber, int Community, bool ArticulationPoint);

public sealed record CommunitiesResult(string Algorithm, double Modularity, int Count, IReadOnlyList<CommunityMembers> Communities);

/// <param name="Label">What sets it apart and who leads it: "Life &amp; health sciences · Leuven — led by KU Leuven".</param>
public sealed record CommunityMembers(int Community, string Label, int Size, IReadOnlyList<string> Members);

/// <summary>A broker profile with, when leaving would cut others off (among the 50 worst cases), who and how many.</summary>
public sealed record BrokerDetail(BrokerProfile Profile, SinglePointOfFailure? CutOff);

public sealed record PathResult(string From, string To, IReadOnlyList<PathStep> Steps);

public sealed record PathStep(string Id, string Name, string Label, string? Via);

/// <summary>
/// /api/datasets/{dataset}/analysis/…: metrics, brokers, communities, value chains and gaps, introductions, what-if,
/// ego networks and shortest paths. Every result is for one data version (the X-Data-Version header) and, where
/// dates matter, for ?asOf=yyyy-mm-dd.
/// </summary>
public static class AnalysisApi
{
    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var group = app.MapApi("/api/datasets/{dataset}/analysis", "Analysis").RequireAuthorization(Policies.Read);

        group.MapGet("/metrics", async (string dataset, string? asOf, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            var snapshot = await Snapshot(analysis, dataset, asOf, response, ct);
            var m = snapshot.Metrics;
            var points = m.ArticulationPoints.ToHashSet();
            var graph = snapshot.Organisations.Graph;
            return TypedResults.Ok(Enumerable.Range(0, graph.NodeCount).Select(v => new NodeMetrics(graph.Ids[v], snapshot.Organisations.Organisations[v].Name, BrokerNetworks.Organisations,
                graph.Degree(v), graph.Strength(v), m.Betweenness![v], m.Closeness?[v], m.Harmonic?[v], m.PageRank![v], m.Eigenvector![v],
                m.StructuralHoles!.Constraint[v], m.StructuralHoles.EffectiveSize[v], m.StructuralHoles.Efficiency[v], m.StructuralHoles.Hierarchy[v],
                m.CoreNumbers![v], m.Communities!.Community[v], points.Contains(v))).ToList());
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Every metric of every organisation");

        group.MapGet("/brokers", async (string dataset, string? asOf, int? top, string? label, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            var (_, brokers) = await Brokers(analysis, dataset, asOf, response, ct);
            return TypedResults.Ok(brokers
                .Where(p => label is null || string.Equals(p.Label, label, StringComparison.OrdinalIgnoreCase))
                .Take(Math.Clamp(top ?? 20, 1, 1000)).ToList());
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Broker ranking: organisations in the organisation network, people in the network of organisations and people (label=Organisation|Person), each with its score's parts and its rank band over perturbed copies");

        group.MapGet("/brokers/{id}", async Task<Results<Ok<BrokerDetail>, ProblemHttpResult>> (string dataset, string id, string? asOf, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            var (snapshot, brokers) = await Brokers(analysis, dataset, asOf, response, ct);
            if (brokers.FirstOrDefault(p => p.Id == id) is not { } profile)
                return TypedResults.Problem($"No organisation or person '{id}' in '{dataset}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
            var failure = snapshot.SinglePointsOfFailure.FirstOrDefault(f => f.Id == id);
            return TypedResults.Ok(new BrokerDetail(profile, failure));
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("One organisation's or person's broker profile: what it bridges, and who is cut off if it leaves");

        group.MapGet("/communities", async (string dataset, string? asOf, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            var snapshot = await Snapshot(analysis, dataset, asOf, response, ct);
            var c = snapshot.Metrics.Communities!;
            var graph = snapshot.Organisations.Graph;
            var members = Enumerable.Range(0, c.Count).Select(k => new CommunityMembers(k, snapshot.CommunityLabels[k], c.Community.Count(x => x == k),
                Enumerable.Range(0, graph.NodeCount).Where(v => c.Community[v] == k).Select(v => graph.Ids[v]).ToList())).ToList();
            return TypedResults.Ok(new CommunitiesResult(c.Algorithm, c.Modularity, c.Count, members));
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Leiden communities of the organisation network");

        group.MapGet("/value-chains", async (string dataset, string? asOf, string? homeRegion, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            var snapshot = await Snapshot(analysis, dataset, asOf, response, ct);
            return TypedResults.Ok(snapshot.Chains(Region(homeRegion)));
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Sector × stage matrix of the home region and its gaps");

        group.MapGet("/introductions", async (string dataset, string? asOf, string? homeRegion, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            var snapshot = await Snapshot(analysis, dataset, asOf, response, ct);
            return TypedResults.Ok(snapshot.Introductions(Region(homeRegion)));
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Introductions that would close thin or unconnected gaps, with reasons");

        group.MapGet("/whatif/{id}", async (string dataset, string id, string? asOf, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            var snapshot = await Snapshot(analysis, dataset, asOf, response, ct);
            return TypedResults.Ok(await snapshot.HeavyAsync(s => s.WhatIf(id), ct));
        }).RequireRateLimiting(AuthSetup.RateAnalysis).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("What is lost if this organisation, person, agreement or event leaves");

        group.MapGet("/fragility", async (string dataset, string? asOf, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            var snapshot = await Snapshot(analysis, dataset, asOf, response, ct);
            return TypedResults.Ok(snapshot.SinglePointsOfFailure.Take(20).ToList());
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("Single points of failure, worst first");

        group.MapGet("/ego/{id}", async Task<Results<Ok<NetworkGraph>, ProblemHttpResult>> (string dataset, string id, int? depth, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            var hops = depth ?? 1;
            if (hops is < 1 or > 2)
                throw new BadHttpRequestException("depth must be 1 or 2.");
            var snapshot = await Snapshot(analysis, dataset, null, response, ct);
            if (!snapshot.NodesById.ContainsKey(id))
                return Missing.Answer($"No node '{id}' in dataset '{dataset}'.");
            return TypedResults.Ok(await snapshot.HeavyAsync(s => s.PropertyGraph.Subgraph(s.PropertyGraph.Neighbourhood([id], hops)), ct));
        }).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("The ego network of one node (depth 1 or 2) in the full multi-mode graph");

        group.MapGet("/path", async (string dataset, string from, string to, string? via, HttpResponse response, AnalysisService analysis, CancellationToken ct) =>
        {
            if (via is not (null or "all" or "ties"))
                throw new BadHttpRequestException($"via '{via}' is not all or ties.");
            var snapshot = await Snapshot(analysis, dataset, null, response, ct);
            // Walked at the gate for heavy work, without holding a request thread while it waits.
            var steps = await snapshot.HeavyAsync(s => s.PropertyGraph.ShortestPath(from, to, via == "ties" ? PropertyGraph.Ties : null), ct);
            return TypedResults.Ok(new PathResult(from, to, steps.Select(s => (Node: snapshot.NodesById[s.Id], s.Via))
                .Select(s => new PathStep(s.Node.Id, s.Node.DisplayName, s.Node.Label.ToString(), s.Via is null ? null : RelationshipTypes.Name(s.Via.Type))).ToList()));
        }).RequireRateLimiting(AuthSetup.RateAnalysis).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable).WithSummary("The shortest chain of relationships between two nodes (fewest hops); via=ties walks only what ties organisations");

        return app;
    }

    private static async Task<AnalysisSnapshot> Snapshot(AnalysisService analysis, string dataset, string? asOf, HttpResponse response, CancellationToken ct)
    {
        DateOnly? date = asOf is null ? null
            : DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new BadHttpRequestException($"asOf '{asOf}' is not a date (yyyy-mm-dd).");
        var snapshot = await analysis.GetAsync(dataset, date, ct);
        response.Headers["X-Data-Version"] = snapshot.Version.ToString(CultureInfo.InvariantCulture);
        return snapshot;
    }

    /// <summary>
    /// The ranking with its rank bands. A write while the bands are computed retires that version and stops its bands:
    /// the ranking of the newer version is awaited instead.
    /// </summary>
    private static async Task<(AnalysisSnapshot Snapshot, IReadOnlyList<BrokerProfile> Brokers)> Brokers(AnalysisService analysis, string dataset, string? asOf, HttpResponse response, CancellationToken ct)
    {
        while (true)
        {
            var snapshot = await Snapshot(analysis, dataset, asOf, response, ct);
            try
            {
                return (snapshot, await snapshot.BrokersWithRankBandsAsync().WaitAsync(ct));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Retired by a newer version: ask again.
            }
        }
    }

    private static string[]? Region(string? homeRegion) =>
        homeRegion?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
