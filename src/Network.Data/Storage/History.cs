using Network.Analysis.Domain;

namespace Network.Data.Storage;

/// <summary>
/// The history entry of a write: the records it touches with their stored form before and after. Before-values are read
/// just before the write; a write with expected versions then either finds exactly what was read or is refused, so the
/// entry matches what the write replaced. Large batches (imports) are recorded by their summary and counts alone.
/// </summary>
public static class History
{
    /// <summary>Batches up to this size list each record with its before and after.</summary>
    public const int DetailedLimit = 50;

    public static async Task<ChangeNote> NoteAsync(INetworkStore store, GraphBatch batch, string by, string via, string? summary, CancellationToken cancellationToken)
    {
        var total = batch.Nodes.Count + batch.Relationships.Count + batch.DeleteNodes.Count + batch.DeleteRelationships.Count;
        var ids = batch.Nodes.Select(n => n.Id).Concat(batch.DeleteNodes)
            .Concat(batch.Relationships.SelectMany(r => new[] { r.From, r.To }))
            .Concat(batch.DeleteRelationships.SelectMany(k => new[] { k.From, k.To }))
            .Distinct(StringComparer.Ordinal).ToList();
        var items = new List<ChangeItem>();
        if (total <= DetailedLimit)
        {
            foreach (var node in batch.Nodes)
            {
                var before = await store.GetNodeAsync(node.Id, cancellationToken);
                items.Add(new ChangeItem("node", node.Id, node.Label.ToString(), node.DisplayName, before is null ? null : GraphJson.Serialize(before), GraphJson.Serialize(node)));
            }
            foreach (var id in batch.DeleteNodes)
            {
                var before = await store.GetNodeAsync(id, cancellationToken);
                items.Add(new ChangeItem("node", id, before?.Label.ToString() ?? "", before?.DisplayName ?? id, before is null ? null : GraphJson.Serialize(before), null));
                // Its relationships go with it: recorded too, so that the history shows them and a revert restores them.
                foreach (var relationship in await store.GetRelationshipsAsync(id, cancellationToken))
                {
                    if (!batch.DeleteRelationships.Contains(relationship.Key))
                        items.Add(new ChangeItem("relationship", ChangeItems.RelationshipId(relationship.Key), RelationshipTypes.Name(relationship.Type), "", GraphJson.Serialize(relationship), null));
                }
            }
            foreach (var relationship in batch.Relationships)
            {
                var before = await store.GetVersionedRelationshipAsync(relationship.Key, cancellationToken);
                items.Add(new ChangeItem("relationship", ChangeItems.RelationshipId(relationship.Key), RelationshipTypes.Name(relationship.Type), "",
                    before is null ? null : GraphJson.Serialize(before.Value), GraphJson.Serialize(relationship)));
            }
            foreach (var key in batch.DeleteRelationships)
            {
                var before = await store.GetVersionedRelationshipAsync(key, cancellationToken);
                items.Add(new ChangeItem("relationship", ChangeItems.RelationshipId(key), RelationshipTypes.Name(key.Type), "",
                    before is null ? null : GraphJson.Serialize(before.Value), null));
            }
        }
        return new ChangeNote(by, via, summary ?? Summarise(items, total), items, Math.Max(total, items.Count)) { NodeIds = ids };
    }

    /// <summary>"changed the name and website of organisation KU Leuven", "added PARTNERS_WITH (a)-(b)", "deleted person X"; several: counts.</summary>
    public static string Summarise(IReadOnlyList<ChangeItem> items, int total)
    {
        if (items.Count == 0)
            return $"{total:N0} records written";
        var nodes = items.Where(i => i.Kind == "node").ToList();
        var main = nodes.Count > 0 ? nodes[0] : items[0];
        var fields = main.Kind == "node" ? main.ChangedFields() : [];
        var what = main.Kind != "node" ? $"{main.Action} {main.Label} {main.Id}"
            : fields.Count is > 0 and <= 4 ? $"changed the {ChangeItem.List(fields)} of {main.Label.ToLowerInvariant()} {main.Name}"
            : $"{main.Action} {main.Label.ToLowerInvariant()} {main.Name}";
        var rest = items.Count - 1;
        return rest == 0 ? what : $"{what} and {rest} more change{(rest == 1 ? "" : "s")}";
    }
}
