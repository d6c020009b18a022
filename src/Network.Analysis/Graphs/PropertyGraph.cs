using Network.Analysis.Domain;
using QuikGraph;
using QuikGraph.Algorithms.Observers;
using QuikGraph.Predicates;
using QuikGraph.Algorithms.Search;

namespace Network.Analysis.Graphs;

/// <summary>
/// The whole multi-mode graph — organisations, people, cities, agreements, sectors, events and every relationship —
/// as a QuikGraph undirected graph, for the traversals the product offers: the neighbourhood of some nodes within k
/// hops, and the shortest chain of relationships between two nodes (breadth-first, fewest hops, each step named).
/// The metrics run on the compact <see cref="WeightedGraph"/> of the organisation projection instead.
/// </summary>
public sealed class PropertyGraph
{
    private readonly UndirectedGraph<string, TaggedUndirectedEdge<string, Relationship>> _graph = new(allowParallelEdges: true);
    private readonly NetworkGraph _source;

    public PropertyGraph(NetworkGraph graph)
    {
        _source = graph;
        _graph.AddVertexRange(graph.Nodes.Select(n => n.Id));
        foreach (var r in graph.Relationships)
        {
            // QuikGraph's undirected edges keep their ends ordered; the relationship keeps its direction.
            var (a, b) = string.CompareOrdinal(r.From, r.To) <= 0 ? (r.From, r.To) : (r.To, r.From);
            if (_graph.ContainsVertex(a) && _graph.ContainsVertex(b))
                _graph.AddEdge(new TaggedUndirectedEdge<string, Relationship>(a, b, r));
        }
    }

    /// <summary>The relationships that tie organisations in the projection: agreements, people, events, partnerships, memberships — not a shared city or sector.</summary>
    public static bool Ties(Relationship r) =>
        r.Type is RelationshipType.PartyTo or RelationshipType.WorksFor or RelationshipType.ParticipatedIn or RelationshipType.PartnersWith or RelationshipType.MemberOf;

    /// <summary>
    /// The given nodes and every node within <paramref name="depth"/> hops (ids that are not in the graph are left out):
    /// QuikGraph's breadth-first search from each centre, over the relationships <paramref name="walk"/> allows, counting
    /// hops on its tree edges and stopping once it examines a node at the last hop (every node still waiting is as far).
    /// </summary>
    public IReadOnlySet<string> Neighbourhood(IEnumerable<string> centres, int depth, Func<Relationship, bool>? walk = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        var walked = Walked(walk);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var centre in centres.Where(_graph.ContainsVertex).Distinct(StringComparer.Ordinal))
        {
            var hops = new Dictionary<string, int>(StringComparer.Ordinal) { [centre] = 0 };
            var search = new UndirectedBreadthFirstSearchAlgorithm<string, TaggedUndirectedEdge<string, Relationship>>(walked);
            // The search may still scan the edges of the node it was stopped at: what lies beyond the last hop is not kept.
            search.TreeEdge += (_, e) =>
            {
                if (hops[e.Source] < depth)
                    hops[e.Target] = hops[e.Source] + 1;
            };
            search.ExamineVertex += v =>
            {
                if (!hops.TryGetValue(v, out var at) || at >= depth)
                    search.Abort();
            };
            search.Compute(centre);
            reached.UnionWith(hops.Keys);
        }
        return reached;
    }

    private IUndirectedGraph<string, TaggedUndirectedEdge<string, Relationship>> Walked(Func<Relationship, bool>? walk) => walk is null ? _graph
        : new FilteredUndirectedGraph<string, TaggedUndirectedEdge<string, Relationship>, IUndirectedGraph<string, TaggedUndirectedEdge<string, Relationship>>>(_graph, _ => true, e => walk(e.Tag));

    /// <summary>The nodes with these ids and the relationships among them, at the graph's version.</summary>
    public NetworkGraph Subgraph(IReadOnlySet<string> ids) =>
        new(_source.Nodes.Where(n => ids.Contains(n.Id)).ToList(), _source.Relationships.Where(r => ids.Contains(r.From) && ids.Contains(r.To)).ToList(), _source.Version);

    /// <summary>
    /// The fewest-hop chain of relationships from one node to another (QuikGraph's breadth-first search with a
    /// predecessor recorder, over the relationships <paramref name="walk"/> allows): each step with the relationship it
    /// came by (null for the first). Empty when unreachable; throws <see cref="KeyNotFoundException"/> for an unknown id.
    /// </summary>
    public IReadOnlyList<(string Id, Relationship? Via)> ShortestPath(string from, string to, Func<Relationship, bool>? walk = null)
    {
        foreach (var id in new[] { from, to })
            if (!_graph.ContainsVertex(id))
                throw new KeyNotFoundException($"No node '{id}'.");
        if (from == to)
            return [(from, null)];
        var walked = Walked(walk);
        var search = new UndirectedBreadthFirstSearchAlgorithm<string, TaggedUndirectedEdge<string, Relationship>>(walked);
        var predecessors = new UndirectedVertexPredecessorRecorderObserver<string, TaggedUndirectedEdge<string, Relationship>>();
        using (predecessors.Attach(search))
            search.Compute(from);
        if (!predecessors.TryGetPath(to, out var edges))
            return [];
        var steps = new List<(string, Relationship?)> { (from, null) };
        var at = from;
        foreach (var edge in edges)
        {
            at = edge.GetOtherVertex(at);
            steps.Add((at, edge.Tag));
        }
        return steps;
    }
}

/// <summary>
/// Breadth-first neighbourhoods within k hops over the engine's compact graph (the explorer's focus on one
/// organisation): the property graph's own traversals go through QuikGraph (<see cref="PropertyGraph"/>).
/// </summary>
public static class Neighbourhoods
{
    public static IReadOnlySet<T> Within<T>(IEnumerable<T> centres, int depth, Func<T, IEnumerable<T>> neighbours) where T : notnull
    {
        var reached = new HashSet<T>(centres);
        var frontier = reached.ToList();
        for (var hop = 0; hop < depth && frontier.Count > 0; hop++)
            frontier = frontier.SelectMany(neighbours).Where(reached.Add).ToList();
        return reached;
    }
}
