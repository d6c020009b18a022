using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Analysis.Domain;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Records;

/// <summary>The records of one kind: organisations with kind, country and text filters; the other kinds with search.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class ListModel(DatasetCatalog catalog, AnalysisService analysis) : DatasetPageModel(catalog, analysis)
{
    public const int PageSize = 50;

    [FromRoute(Name = "collection")]
    public string KindSegment { get; set; } = "";

    public override string Section => KindSegment;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    /// <summary>"none": only organisations without a recorded sector or stage (what the value chains cannot place from records).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Placed { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public NodeLabel Label { get; private set; }
    public OrganisationOverview? Organisations { get; private set; }
    public IReadOnlyList<OrganisationRow> OrganisationMatches { get; private set; } = [];
    public IReadOnlyList<(Node Node, string Detail, int Relationships)> Matches { get; private set; } = [];
    public int MatchCount { get; private set; }
    public int PageCount => Math.Max(1, (MatchCount + PageSize - 1) / PageSize);


    public IActionResult OnGet()
    {
        if (RecordKinds.FromSegment(KindSegment) is not { } label)
            return NotFound();
        Label = label;
        if (label == NodeLabel.Organisation)
        {
            Organisations = OrganisationOverview.For(Snapshot);
            OrganisationMatches = Organisations.Filter(Kind, Query, Country);
            if (Placed == "none")
                OrganisationMatches = OrganisationMatches.Where(r => r.Sectors.Count == 0 || r.Stages.Count == 0).ToList();
            MatchCount = OrganisationMatches.Count;
            PageNumber = Math.Clamp(PageNumber, 1, PageCount);
            OrganisationMatches = OrganisationMatches.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
            return Page();
        }
        var degree = Snapshot.Graph.Relationships.SelectMany(r => new[] { r.From, r.To }).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var nodes = Snapshot.NodesById;
        var all = Network.Analysis.Text.NameSearch.Find(Snapshot.Graph.Nodes.Where(n => n.Label == label), Query)
            .Select(n => (n, string.Join(" · ", RecordView.Properties(n, nodes).Select(p => p.Value)), degree.GetValueOrDefault(n.Id)))
            .ToList();
        MatchCount = all.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Matches = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    /// <summary>
    /// The sectors and stages the value chains derive for an organisation that has none recorded (names, comma-joined,
    /// with the rules as a title), or null when it has recorded ones or nothing is derived.
    /// </summary>
    public (string Sectors, string Stages, string Rules)? DerivedOf(OrganisationRow row)
    {
        var derived = Snapshot.ChainPositionsOf(row.Id).Where(p => p.DerivedBy is not null).ToList();
        if (derived.Count == 0)
            return null;
        var nodes = Snapshot.NodesById;
        var sectors = derived.Select(p => nodes.GetValueOrDefault(p.Sector)?.DisplayName ?? p.Sector).Distinct().ToList();
        var shown = sectors.Count <= 3 ? string.Join(", ", sectors) : $"{string.Join(", ", sectors.Take(2))} and {sectors.Count - 2} more";
        return (shown, string.Join(", ", derived.Select(p => p.Stage).Distinct()),
            (sectors.Count <= 3 ? "" : string.Join(", ", sectors) + " — ") + string.Join("; ", derived.Select(p => p.DerivedBy!).Distinct()));
    }

    public string Link(int? page = null) =>
        DatasetLink(KindSegment, new { kind = Kind, country = Country, q = Query, placed = Placed, page = page is > 1 ? page : null }, keepDate: false);
}
