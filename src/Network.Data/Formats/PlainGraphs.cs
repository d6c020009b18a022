using Network.Analysis.Domain;

namespace Network.Data.Formats;

/// <summary>
/// A plain graph file (GraphML, GEXF) brought into the domain: every node becomes an organisation (name from its
/// label or name attribute, kind from a valid "kind" attribute, else "other"), every edge a PARTNERS_WITH tie with
/// the edge's weight. The source of each record names the file.
/// </summary>
public static class PlainGraphs
{
    public static NetworkGraph ToDomain(GraphFile file, string fileName)
    {
        var source = $"import: {fileName}";
        var kinds = file.NodeAttributes.GetValueOrDefault("kind");
        var countries = file.NodeAttributes.GetValueOrDefault("country");
        var graph = file.Graph;
        var nodes = Enumerable.Range(0, graph.NodeCount).Select(v => (Node)new Organisation(graph.Ids[v], file.Name(v),
            kinds?[v] is { } kind && Vocabulary.IsOneOf(Vocabulary.OrganisationKinds, kind) ? kind : "other", source)
        {
            Country = countries?[v] is { } c && DomainRules.IsCountryCode(c) ? c : null,
        }).ToList();
        var relationships = graph.Edges().Select(e => new Relationship(RelationshipType.PartnersWith, graph.Ids[e.U], graph.Ids[e.V], source) { Weight = e.Weight }).ToList();
        return new NetworkGraph(nodes, relationships, 0);
    }
}
