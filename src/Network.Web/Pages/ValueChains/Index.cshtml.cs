using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Analysis.Domain;
using Network.Analysis.ValueChain;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.ValueChains;

/// <summary>The sector × stage matrix of a home region, its gaps by kind, and the introductions that would close them.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class IndexModel(DatasetCatalog catalog, AnalysisService analysis) : DatasetPageModel(catalog, analysis)
{
    public override string Section => "value-chains";

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    public string HomeRegion { get; private set; } = "";

    /// <summary>The places the home region matches, for the heading's tooltip.</summary>
    public string HomeRegionPlaces => string.IsNullOrWhiteSpace(Region) ? string.Join(", ", Snapshot.HomeRegion) : HomeRegion;
    public IReadOnlyList<(string Name, string Kind, int Organisations)> Regions { get; private set; } = [];
    public IReadOnlyList<SectorChain> Chains { get; private set; } = [];
    public IReadOnlyList<Introduction> Introductions { get; private set; } = [];
    public int MaxCell { get; private set; }

    /// <summary>How many organisations the matrix places from their records, by derivation, or not at all.</summary>
    public ChainCoverage Coverage { get; private set; } = new(0, 0, 0, 0);
    public SectorChain? CellChain { get; private set; }
    public StageCoverage? Cell { get; private set; }
    public IReadOnlyList<(Gap Gap, string Text)> Worst { get; private set; } = [];

    public void OnGet()
    {
        // The regions a manager can choose: every region and country that organisations sit in.
        var actors = Snapshot.Actors.Actors.Where(a => a.Label == NodeLabel.Organisation).ToList();
        Regions = actors.Where(a => a.Region is not null).GroupBy(a => a.Region!).Select(g => (g.Key, "region", g.Count()))
            .Concat(actors.Where(a => a.Country is not null).GroupBy(a => a.Country!).Select(g => (g.Key, "country", g.Count())))
            .OrderByDescending(r => r.Item3).ThenBy(r => r.Item1, StringComparer.Ordinal).ToList();
        HomeRegion = string.IsNullOrWhiteSpace(Region) ? Snapshot.HomeRegionName : Region.Trim();
        IReadOnlyList<string> home = string.IsNullOrWhiteSpace(Region) ? Snapshot.HomeRegion : [HomeRegion];
        Coverage = Snapshot.ChainCoverage;
        Chains = Snapshot.Chains(home);
        Introductions = Snapshot.Introductions(home);
        MaxCell = Chains.SelectMany(c => c.Stages).Select(s => s.InRegion.Count + s.External.Count).DefaultIfEmpty(0).Max();
        CellChain = Chains.FirstOrDefault(c => c.SectorId == Sector);
        Cell = CellChain?.Stages.FirstOrDefault(s => s.Stage == Stage);
        Worst = Words.WorstGaps(Chains);
    }

    /// <summary>An editor makes the region shown the dataset's own (or, with none, goes back to the default).</summary>
    public IActionResult OnPostHomeRegion(string? region)
    {
        if (!CanEdit)
            return Forbid();
        var places = string.IsNullOrWhiteSpace(region) ? null : new[] { region.Trim() };
        if (places is not null && (places[0].Length > 100 || Network.Analysis.Domain.DomainRules.Unwritable(places[0]) is not null))
            return BadRequest();
        Catalog.SetHomeRegion(Dataset.Name, places);
        Analysis.HomeRegionChanged(Dataset.Name);
        return Redirect(DatasetLink(Section, keepDate: false));
    }

    public string CellLink(string sector, string stage) =>
        DatasetLink(Section, new { region = Region, sector, stage }) + "#cell";
}
