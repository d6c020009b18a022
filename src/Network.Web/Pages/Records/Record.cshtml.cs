using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Analysis.Projection;
using Network.Analysis.ValueChain;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Web.Pages.Explore;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Records;

/// <summary>One metric of one organisation: its value, what it means and where it ranks.</summary>
public sealed record MetricLine(string Key, string Value, int Rank, int Of, bool LowIsHigh);

/// <summary>
/// The page of one record of any kind: its fields and source, its relationships in words; for organisations and
/// people also their ties with reasons, metrics with meaning and rank, broker profile, what-if and introductions,
/// and a drawing of the neighbourhood.
/// </summary>
[Authorize(Policy = Policies.Read)]
public sealed class RecordModel(DatasetCatalog catalog, AnalysisService analysis) : DatasetPageModel(catalog, analysis)
{
    /// <summary>When betweenness is estimated (a large network): its stated error.</summary>
    public Network.Analysis.Centrality.BetweennessEstimate? Margin { get; private set; }

    [FromRoute(Name = "collection")]
    public string KindSegment { get; set; } = "";

    [FromRoute(Name = "id")]
    public string Id { get; set; } = "";

    public override string Section => KindSegment;

    protected override string? PresenceRecord => Id;

    /// <summary>Long lists are folded: the strongest 25 ties and 20 relationships of each kind, all (up to 300) on request.</summary>
    [BindProperty(SupportsGet = true, Name = "all")]
    public bool ShowAll { get; set; }

    public const int MostShown = 300;
    public int TiesShown => ShowAll ? MostShown : 25;
    public int RelationshipsShown => ShowAll ? MostShown : 20;

    /// <summary>This page again, with every list unfolded or not.</summary>
    public string Link(bool all) => RecordLink(Id) + (all ? "?all=true" : "") + (AsOf is { } d ? (all ? "&" : "?") + "asOf=" + d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "");

    public Node Node { get; private set; } = null!;
    public IReadOnlyList<(string Name, string Value)> Properties { get; private set; } = [];

    /// <summary>The organisation's value-chain positions that are derived, not recorded: sector, stages and the rule.</summary>
    public IReadOnlyList<(string Sector, string Stages, string Rule)> Derived { get; private set; } = [];
    public IReadOnlyList<RelationshipLine> Relationships { get; private set; } = [];
    public IReadOnlyList<(OrganisationTie Tie, Organisation Other)> Ties { get; private set; } = [];
    public IReadOnlyList<MetricLine> Metrics { get; private set; } = [];
    public BrokerProfile? Broker { get; private set; }
    public double? Stability { get; private set; }
    public int BrokersOfLabel { get; private set; }
    public WhatIfReport? WhatIf { get; private set; }
    public bool WhatIfDeferred { get; private set; }
    public IReadOnlyList<Introduction> Introductions { get; private set; } = [];
    public ExploreView? Neighbourhood { get; private set; }

    /// <summary>The neighbourhood drawing shows at most this many organisations: the record and its best-connected partners.</summary>
    public const int NeighbourhoodLimit = 40;
    public string? CityName { get; private set; }

    public IReadOnlyList<Network.Data.Storage.ChangeEntry> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var result = Load();
        if (result is PageResult)
            History = await Catalog.Store(Dataset.Name).GetChangesAsync(new Network.Data.Storage.ChangeQuery(Node: Id, Limit: 20), cancellationToken);
        return result;
    }

    private IActionResult Load()
    {
        if (RecordKinds.FromSegment(KindSegment) is not { } label)
            return NotFound();
        var nodes = Snapshot.NodesById;
        if (nodes.GetValueOrDefault(Id) is not { } node)
            return NotFound();
        // A record reached under another kind's address goes to its own.
        if (node.Label != label)
            return RedirectPermanent(RecordKinds.Link(Dataset.Name, node.Label, node.Id) + Request.QueryString);
        Node = node;
        Properties = RecordView.Properties(node, nodes);
        Derived = node is Organisation
            ? Snapshot.ChainPositionsOf(node.Id).Where(p => p.DerivedBy is not null)
                .GroupBy(p => (Sector: nodes.GetValueOrDefault(p.Sector)?.DisplayName ?? p.Sector, Rule: p.DerivedBy!))
                .Select(g => (g.Key.Sector, string.Join(", ", g.Select(p => p.Stage)), g.Key.Rule)).OrderBy(x => x.Sector, StringComparer.Ordinal).ToList()
            : [];
        Relationships = RecordView.Relationships(node, Snapshot.Graph.Relationships.Where(r => r.From == node.Id || r.To == node.Id), nodes);
        CityName = Relationships.FirstOrDefault(r => r.Relationship.Type == RelationshipType.LocatedIn && r.Relationship.From == node.Id)?.Other?.DisplayName;

        if (node is Organisation or Person)
        {
            var brokers = Snapshot.BrokersSoFar;
            Broker = brokers.FirstOrDefault(b => b.Id == node.Id);
            Margin = Snapshot.BetweennessMargin(node.Label);
            BrokersOfLabel = brokers.Count(b => b.Label == node.Label.ToString());
            Stability = Snapshot.StabilityOf(node.Id);
        }
        if (node is Organisation or Person or Agreement or Event)
        {
            if (Snapshot.Organisations.Graph.NodeCount <= Brokers.IndexModel.InlineWhatIfLimit)
                // Small networks only (the limit above): computed at once, ahead of the background warm-up's queue.
                WhatIf = Snapshot.WhatIf(node.Id);
            else
                WhatIfDeferred = (WhatIf = Snapshot.WhatIfIfComputed(node.Id)) is null;
        }
        if (node is Organisation)
        {
            var network = Snapshot.Organisations;
            var byId = network.Organisations.ToDictionary(o => o.Id);
            Ties = network.Ties.Where(t => t.A == node.Id || t.B == node.Id)
                .Select(t => (t, byId[t.A == node.Id ? t.B : t.A]))
                .OrderByDescending(x => x.t.Weight).ThenBy(x => x.Item2.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            Metrics = MetricsOf(network.Graph.IndexOf(node.Id));
            Introductions = Snapshot.Introductions(null).Where(i => i.FromId == node.Id || i.ToId == node.Id || i.IntroducerId == node.Id).ToList();
            Neighbourhood = ExploreView.Of(Snapshot, null, null, null, node.Id, 1, limit: NeighbourhoodLimit);
        }
        return Page();
    }

    private IReadOnlyList<MetricLine> MetricsOf(int v)
    {
        if (v < 0)
            return [];
        var m = Snapshot.Metrics;
        var graph = Snapshot.Organisations.Graph;
        var n = graph.NodeCount;
        var lines = new List<MetricLine>();
        void Add(string key, Func<int, double?> value, string _, bool lowIsHigh = false)
        {
            if (value(v) is not { } mine || !double.IsFinite(mine))
                return;
            var better = 0;
            for (var u = 0; u < n; u++)
            {
                if (value(u) is { } other && double.IsFinite(other) && (lowIsHigh ? other < mine - 1e-12 : other > mine + 1e-12))
                    better++;
            }
            lines.Add(new MetricLine(key, Measures.Value(key, mine), better + 1, n, lowIsHigh));
        }
        Add("degree", u => graph.Degree(u), "0");
        Add("strength", u => graph.Strength(u), "0.##");
        if (m.Betweenness is { } b) Add("betweenness", u => b[u], "0.0000");
        if (m.Closeness is { } c) Add("closeness", u => c[u], "0.000");
        if (m.Harmonic is { } h) Add("harmonic", u => h[u], "0.0");
        if (m.PageRank is { } p) Add("pagerank", u => p[u], "0.0000");
        if (m.Eigenvector is { } e) Add("eigenvector", u => e[u], "0.000");
        if (m.StructuralHoles is { } holes)
        {
            Add("constraint", u => holes.Constraint[u], "0.000", lowIsHigh: true);
            Add("effective-size", u => holes.EffectiveSize[u], "0.0");
        }
        if (m.CoreNumbers is { } cores) Add("core", u => cores[u], "0");
        return lines;
    }

    public static string Ordinal(int n) => n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    public static string TieReason(TieReason reason) => reason.Kind switch
    {
        TieKind.Agreement => $"both party to {reason.Label}",
        TieKind.Person => $"{reason.Label} works for both",
        TieKind.Event => $"both took part in {reason.Label}",
        _ => $"direct partnership{(reason.Label.Length > 0 ? " (" + reason.Label + ")" : "")}",
    };

}
