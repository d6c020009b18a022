using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Brokers;

/// <summary>One row of the ranking: the broker profile and what its departure would do.</summary>
public sealed record BrokerRow(BrokerProfile Profile, string Kind, double? Stability, SinglePointOfFailure? Failure, IReadOnlyList<BrokerChange>? TakeOver);

/// <summary>The broker ranking of organisations and people: sortable, filterable, each with what it bridges and what its departure breaks.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class IndexModel(DatasetCatalog catalog, AnalysisService analysis, Network.Api.Surveys.SurveyService surveys) : DatasetPageModel(catalog, analysis)
{
    /// <summary>
    /// When ties come from a survey that few members answered, the ranks rest on part of the picture: said above the
    /// table ("answers from 42 % of members — broker ranks may move").
    /// </summary>
    public string? SurveyNote => surveys.LowResponseNote(Dataset.Name, "broker ranks may move as more answer; see the rank bands");

    public const int PageSize = 50;

    /// <summary>Above this many organisations the take-over of each row is left to the what-if page (it re-runs the analysis).</summary>
    public const int InlineWhatIfLimit = 2000;

    public static readonly IReadOnlyList<(string Key, string Title)> Columns =
    [
        ("score", "Score"), ("betweenness", "Betweenness"), ("cut-off", "Cut off"), ("bridge-share", "Bridge share"), ("constraint", "Constraint"),
        ("effective-size", "Effective size"), ("open-pairs", "Open pairs"), ("stability", "Stability"),
    ];

    public override string Section => "brokers";

    [BindProperty(SupportsGet = true)]
    public string Who { get; set; } = "organisations";

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "score";

    [BindProperty(SupportsGet = true)]
    public string Dir { get; set; } = "desc";

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool CutPoints { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<BrokerRow> Rows { get; private set; } = [];
    public int Matching { get; private set; }
    public int PageCount { get; private set; }
    public double MaxScore { get; private set; }
    public IReadOnlyList<SinglePointOfFailure> Fragile { get; private set; } = [];
    public int PeopleLeftOut { get; private set; }
    public int StabilityRuns { get; private set; }
    public bool RankBandsReady { get; private set; }

    /// <summary>When betweenness is estimated (a large network): its stated error.</summary>
    public Network.Analysis.Centrality.BetweennessEstimate? Margin { get; private set; }

    /// <summary>How many perturbed copies per scheme the rank bands come from (fewer for a large network).</summary>
    public int RankBandCopies => Network.Analysis.AnalysisSnapshot.RankBandCopiesFor(Who == "people" ? Snapshot.Actors.Graph : Snapshot.Organisations.Graph);

    public void OnGet()
    {
        if (Columns.All(c => c.Key != Sort))
            Sort = "score";
        Dir = Dir == "asc" ? "asc" : "desc";
        var label = Who == "people" ? nameof(NodeLabel.Person) : nameof(NodeLabel.Organisation);
        Who = Who == "people" ? "people" : "organisations";

        var failures = Snapshot.SinglePointsOfFailure.ToDictionary(f => f.Id);
        var kinds = Snapshot.Actors.Actors.ToDictionary(a => a.Id, a => a.Kind);
        RankBandsReady = Snapshot.RankBandsReady;
        Margin = Snapshot.BetweennessMargin(Enum.Parse<NodeLabel>(label));
        var all = Snapshot.BrokersSoFar.Where(b => b.Label == label).ToList();
        StabilityRuns = label == nameof(NodeLabel.Person) ? Snapshot.ActorStability.Runs : Snapshot.CommunityStability.Runs;
        // People who link no two organisations are no brokers; say how many are left out rather than rank them.
        if (label == nameof(NodeLabel.Person))
        {
            PeopleLeftOut = all.Count(b => b.OpenPairs == 0);
            all = all.Where(b => b.OpenPairs > 0).ToList();
        }
        MaxScore = all.Select(b => b.Score).DefaultIfEmpty(0).Max();
        var rows = all
            .Where(b => string.IsNullOrWhiteSpace(Query) || b.Name.Contains(Query.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(b => string.IsNullOrEmpty(Kind) || kinds.GetValueOrDefault(b.Id) == Kind)
            .Where(b => !CutPoints || failures.ContainsKey(b.Id))
            .Select(b => new BrokerRow(b, kinds.GetValueOrDefault(b.Id) ?? "", Snapshot.StabilityOf(b.Id), failures.GetValueOrDefault(b.Id), null))
            .ToList();
        Func<BrokerRow, double> key = Sort switch
        {
            "betweenness" => r => r.Profile.Betweenness,
            "cut-off" => r => r.Profile.CutOff,
            "bridge-share" => r => r.Profile.BridgeShare,
            "constraint" => r => r.Profile.Constraint ?? double.PositiveInfinity,
            "effective-size" => r => r.Profile.EffectiveSize ?? double.NegativeInfinity,
            "open-pairs" => r => r.Profile.OpenPairs,
            "stability" => r => r.Stability ?? -1,
            _ => r => r.Profile.Score,
        };
        var ordered = Dir == "asc" ? rows.OrderBy(key) : rows.OrderByDescending(key);
        rows = ordered.ThenBy(r => r.Profile.Rank).ToList();
        Matching = rows.Count;
        PageCount = Math.Max(1, (rows.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        // Who takes over: the what-if of the first rows, where the network is small enough to re-run at once.
        if (Snapshot.Organisations.Graph.NodeCount <= InlineWhatIfLimit)
        {
            // Small networks only: computed at once, ahead of the background warm-up's queue.
            page = page.Select((r, i) => i < 10 ? r with { TakeOver = Snapshot.WhatIf(r.Profile.Id).TakeOver } : r).ToList();
        }
        else
        {
            // Large networks: those the warm-up (the ten leading brokers) or an earlier request has already worked out.
            page = page.Select(r => Snapshot.WhatIfIfComputed(r.Profile.Id) is { } known ? r with { TakeOver = known.TakeOver } : r).ToList();
        }
        Rows = page;
        Fragile = Snapshot.SinglePointsOfFailure;
    }

    public string SortLink(string column) =>
        DatasetLink(Section, new { who = Who, sort = column, dir = Sort == column && Dir == "desc" ? "asc" : "desc", q = Query, kind = Kind, cutPoints = CutPoints ? "true" : null });

    public string PageLink(int page) =>
        DatasetLink(Section, new { who = Who, sort = Sort, dir = Dir, q = Query, kind = Kind, cutPoints = CutPoints ? "true" : null, page });

    public string? AriaSort(string column) => Sort == column ? (Dir == "asc" ? "ascending" : "descending") : null;
}
