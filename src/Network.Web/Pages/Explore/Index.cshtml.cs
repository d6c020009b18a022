using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Layout;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Explore;

[Authorize(Policy = Policies.Read)]
public sealed class ExploreModel(DatasetCatalog catalog, AnalysisService analysis, LayoutService layouts) : DatasetPageModel(catalog, analysis)
{
    public override string Section => "explore";

    /// <summary>"all" shows every country; empty picks the default (a large dataset starts with its most common country).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Focus { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Depth { get; set; } = 1;

    public ExploreView View { get; private set; } = null!;

    /// <summary>Sector names by id, for the filter's labels.</summary>
    public IReadOnlyDictionary<string, string> SectorNames => _sectorNames ??= Snapshot.Graph.OfType<Network.Analysis.Domain.Sector>().ToDictionary(s => s.Id, s => s.Name);

    private IReadOnlyDictionary<string, string>? _sectorNames;
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public string? FocusName { get; private set; }

    /// <summary>The as-of date as the date input and links write it, or empty for today.</summary>
    public string AsOfValue => AsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await BuildAsync(cancellationToken);

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The view as compact JSON for the canvas renderer: nodes with their places, ties as flat [u, v, …], strongest first.</summary>
    public async Task<IActionResult> OnGetGraphAsync(CancellationToken cancellationToken)
    {
        await BuildAsync(cancellationToken);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var names = SectorNames;
        // A measure the analysis has not computed (harmonic centrality above 20,000 organisations) is null, not 0.
        var computed = ExploreView.SizeMeasuresOf(Snapshot.Metrics).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        double? Measure(ExploreNode n, string key, int digits) => computed.Contains(key) ? Math.Round(n.Measures[key], digits) : null;
        var graph = new
        {
            version = View.Version,
            scale = View.Scale,
            nodes = View.Nodes.Select(n => new
            {
                id = n.Id, name = n.Name, aka = n.Aka.Length == 0 ? null : n.Aka, kind = n.Kind, city = n.City ?? n.Country ?? "", country = n.Country ?? "",
                x = Math.Round(n.X, 2), y = Math.Round(n.Y, 2), r = Math.Round(n.Radius, 2), community = n.Community + 1,
                betweenness = n.Betweenness.ToString("F4", inv), degree = n.Degree, href = RecordLink(n.Id), pinned = n.Pinned,
                sectors = string.Join(';', n.Sectors), sector = n.Sectors.Count > 0 ? names.GetValueOrDefault(n.Sectors[0]) ?? n.Sectors[0] : "", stages = string.Join(';', n.Stages), member = n.Member ? "true" : "false",
                strength = Math.Round(n.Measures["strength"], 3), harmonic = Measure(n, "harmonic", 5),
                pagerank = Measure(n, "pagerank", 7), effective = Measure(n, "effective", 3), active = n.Active ? "true" : "false",
            }),
            edges = View.Edges.SelectMany(e => new[] { e.U, e.V }),
        };
        // The drawing of a large network is tens of megabytes of JSON (27 MB at 50,000 organisations) and a tenth of that
        // compressed; it holds nothing secret (the page it draws is readable by the same reader), so it is compressed
        // whenever the browser accepts gzip.
        if (!Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            return new JsonResult(graph);
        var packed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            await System.Text.Json.JsonSerializer.SerializeAsync(gzip, graph, WebJson, cancellationToken);
        Response.Headers.ContentEncoding = "gzip";
        Response.Headers.Vary = "Accept-Encoding";
        return File(packed.ToArray(), "application/json");
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        var snapshot = Snapshot;
        Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim() is var typed && typed.Equals("all", StringComparison.OrdinalIgnoreCase) ? "all" : typed.ToUpperInvariant();
        Countries = snapshot.Actors.Actors.Where(a => a.Label == Network.Analysis.Domain.NodeLabel.Organisation && a.Country is not null)
            .Select(a => a.Country!).Distinct().Order(StringComparer.Ordinal).ToList();
        // A large dataset opens on its centre's country: that of the best-connected organisation (KU Leuven's BE for CORDIS).
        if (string.IsNullOrEmpty(Country))
            Country = ExploreView.OpeningCountry(snapshot);
        Depth = Math.Clamp(Depth, 1, 2);
        FocusName = Focus is null ? null : snapshot.NodesById.GetValueOrDefault(Focus)?.DisplayName;
        var layout = await layouts.GetAsync(Dataset.Name, cancellationToken);
        View = ExploreView.Of(snapshot, layout, Country == "all" ? null : Country, Kind, Focus, Depth);
    }
}

/// <summary>The explorer's old address, /explore?dataset=…, now /datasets/{dataset}/explore.</summary>
public sealed class LegacyExploreModel(DatasetCatalog catalog) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public IActionResult OnGet(string? dataset)
    {
        var target = catalog.FindOrFirst(dataset);
        if (target is null)
            return NotFound();
        var rest = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(Request.Query.Where(q => q.Key != "dataset")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
        return RedirectPermanent($"/datasets/{Uri.EscapeDataString(target.Name)}/explore{rest.ToQueryString()}");
    }
}
