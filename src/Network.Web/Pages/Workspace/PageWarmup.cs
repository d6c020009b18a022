using Network.Api.Analysis;
using Network.Api.Layout;
using Network.Web.Pages.Explore;

namespace Network.Web.Pages.Workspace;

/// <summary>
/// What the pages build from a version once and keep — the organisations overview, the map, the explorer's opening
/// drawing — made in a large dataset's background analysis, so that its first reader does not wait for it.
/// </summary>
public sealed class PageWarmup(AnalysisService analysis, LayoutService layouts, Places places) : IDatasetWarmup
{
    public async Task WarmAsync(string dataset, CancellationToken cancellationToken)
    {
        var snapshot = await analysis.GetAsync(dataset, null, cancellationToken);
        // A smaller dataset's pages build these in milliseconds on first reading.
        if (snapshot.Organisations.Graph.NodeCount <= AnalysisService.LargeNetwork)
            return;
        var layout = await layouts.GetAsync(dataset, cancellationToken);
        await Task.Run(() =>
        {
            _ = OrganisationOverview.For(snapshot);
            _ = MapView.Of(snapshot, places.Gazetteer, null);
            _ = ExploreView.Of(snapshot, layout, ExploreView.OpeningCountry(snapshot), null, null, 1);
        }, cancellationToken);
    }
}
