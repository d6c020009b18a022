using Network.Api.Datasets;
using Network.Data.Formats;

namespace Network.Web.Pages.Explore;

/// <summary>The gazetteer shipped in data/gazetteer, loaded once on first use (null when it does not ship).</summary>
public sealed class Places(DatasetCatalog catalog)
{
    private readonly Lazy<Gazetteer?> _gazetteer = new(() => catalog.Shipped.GazetteerPath is { } path ? Gazetteer.Load(path) : null);

    public Gazetteer? Gazetteer => _gazetteer.Value;
}
