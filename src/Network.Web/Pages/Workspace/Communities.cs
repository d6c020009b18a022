using Network.Analysis;
using Network.Analysis.Domain;
using Network.Api.Analysis;

namespace Network.Web.Pages.Workspace;

/// <summary>A community as a manager sees it: its size, what it is mostly made of, its best-connected members and how stable it is.</summary>
public sealed record CommunitySummary(
    int Number, string Label, int Size, IReadOnlyList<(string Name, int Count)> Sectors, IReadOnlyList<(string Kind, int Count)> Kinds,
    IReadOnlyList<(string Country, int Count)> Countries, IReadOnlyList<(string Id, string Name)> Leaders, double? Consensus,
    IReadOnlyList<(int Community, double Weight)> Neighbours)
{
    /// <summary>The colour class of this community: the same colour as in the explorer (grey beyond the twelfth).</summary>
    public string Swatch => Number <= 12 ? "c" + (Number - 1) : "cx";

    /// <summary>The communities of the organisation network, largest first.</summary>
    public static IReadOnlyList<CommunitySummary> Of(AnalysisSnapshot snapshot, bool withConsensus)
    {
        var network = snapshot.Organisations;
        var graph = network.Graph;
        var community = snapshot.Communities.Community;
        var sectorNames = snapshot.Graph.OfType<Sector>().ToDictionary(s => s.Id, s => s.Name);
        var countryOf = snapshot.Actors.Actors.Where(a => a.Label == NodeLabel.Organisation).ToDictionary(a => a.Id, a => a.Country);
        var consensus = withConsensus ? snapshot.CommunityStability.Communities.ToDictionary(c => c.Community, c => c.Consensus) : null;
        var between = new Dictionary<(int, int), double>();
        for (var u = 0; u < graph.NodeCount; u++)
        {
            var neighbours = graph.Neighbours(u);
            var weights = graph.NeighbourWeights(u);
            for (var i = 0; i < neighbours.Length; i++)
            {
                var (a, b) = (community[u], community[neighbours[i]]);
                if (a != b)
                    between[(a, b)] = between.GetValueOrDefault((a, b)) + weights[i];
            }
        }
        return Enumerable.Range(0, graph.NodeCount).GroupBy(v => community[v])
            .Select(g =>
            {
                var members = g.ToList();
                static IReadOnlyList<(string, int)> Top(IEnumerable<string?> values, int take) =>
                    values.OfType<string>().GroupBy(x => x).Select(x => (x.Key, x.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).Take(take).ToList();
                return new CommunitySummary(g.Key + 1, snapshot.CommunityLabels[g.Key], members.Count,
                    Top(members.SelectMany(v => network.Organisations[v].Sectors).Select(s => sectorNames.GetValueOrDefault(s, s)), 3),
                    Top(members.Select(v => network.Organisations[v].Kind), 3),
                    Top(members.Select(v => countryOf.GetValueOrDefault(graph.Ids[v])), 3),
                    members.OrderByDescending(graph.Strength).ThenBy(v => graph.Ids[v], StringComparer.Ordinal).Take(5)
                        .Select(v => (graph.Ids[v], network.Organisations[v].Name)).ToList(),
                    consensus?.GetValueOrDefault(g.Key),
                    between.Where(kv => kv.Key.Item1 == g.Key).OrderByDescending(kv => kv.Value).Take(4).Select(kv => (kv.Key.Item2 + 1, kv.Value)).ToList());
            })
            .OrderByDescending(c => c.Size).ThenBy(c => c.Number)
            .ToList();
    }
}
