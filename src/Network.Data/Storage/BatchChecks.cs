using Network.Analysis.Domain;

namespace Network.Data.Storage;

/// <summary>
/// What every store checks of a batch against what it holds, before writing it and when asked to check it only
/// (<see cref="INetworkStore.CheckAsync"/>): the domain rules with the stored nodes' labels, and that every node and
/// relationship to delete is there. Each store only looks up what is stored; the rules are these, once.
/// </summary>
public static class BatchChecks
{
    /// <summary>The ids whose stored labels the checks may need: every end, node, sector named and node to delete.</summary>
    public static List<string> NodeIds(GraphBatch batch) =>
        batch.Relationships.SelectMany(r => new[] { r.From, r.To }).Concat(batch.Nodes.Select(n => n.Id))
            .Concat(batch.Nodes.OfType<Organisation>().SelectMany(o => o.Sectors)).Concat(batch.DeleteNodes).Distinct().ToList();

    /// <param name="storedLabels">The labels of those of the given ids that are stored.</param>
    /// <param name="storedRelationships">Which of the relationships to delete are stored.</param>
    public static List<ValidationError> Errors(GraphBatch batch, Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, NodeLabel>> storedLabels,
        Func<IReadOnlyList<RelationshipKey>, IReadOnlySet<RelationshipKey>> storedRelationships)
    {
        var errors = DomainRules.CheckBatch(batch.Nodes, batch.Relationships, batch.DeleteNodes, storedLabels).ToList();
        if (batch.DeleteNodes.Count > 0)
        {
            var stored = storedLabels(batch.DeleteNodes);
            errors.AddRange(batch.DeleteNodes.Where(id => !stored.ContainsKey(id)).Select(id => new ValidationError($"delete of node '{id}'", "id", $"no node with id '{id}'")));
        }
        if (batch.DeleteRelationships.Count > 0)
        {
            var stored = storedRelationships(batch.DeleteRelationships);
            errors.AddRange(batch.DeleteRelationships.Where(k => !stored.Contains(k)).Select(k => new ValidationError($"delete of relationship {k}", "type", "no such relationship")));
        }
        return errors;
    }
}
