using Network.Analysis;
using Network.Analysis.Domain;
using Network.Api.Analysis;
using Network.Data.Formats;

namespace Network.Web.Pages.Explore;

/// <summary>A city on the map: where it is drawn (the 1000 × 600 box), how many organisations sit there, and how it was placed.</summary>
public sealed record MapCity(string Id, string Name, string Country, double Latitude, double Longitude, double X, double Y, int Organisations, string Largest, string How);

/// <summary>
/// What joins two cities, drawn as one arc: ties between their organisations, a twinning of the two cities, and
/// organisations of one taking part in events held in the other.
/// </summary>
public sealed record MapArc(MapCity A, MapCity B, int Ties, bool Twinned, int Visits)
{
    public bool International => A.Country != B.Country;
}

/// <summary>How longitude and latitude map onto the drawing: x = offset + (lon − lon0)·cos(φ₀)·scale, y = offset − (lat − lat0)·scale.</summary>
public sealed record MapProjection(double Lon0, double Lat0, double Cos, double Scale, double OffsetX, double OffsetY);

/// <summary>
/// The geographic view: organisations at their city's coordinates (the city's own, else the gazetteer's), one circle per
/// city sized by its organisations, ties between cities as arcs (international ones stand out), twinnings too, on an
/// equirectangular projection fitted to the places drawn. Cities that cannot be placed are listed, not guessed.
/// </summary>
/// <param name="WithoutCity">Shown organisations the data gives no city for.</param>
/// <param name="CityNotPlaced">Shown organisations whose city cannot be placed (listed in <paramref name="NotPlaced"/>).</param>
public sealed record MapView(IReadOnlyList<MapCity> Cities, IReadOnlyList<MapArc> Arcs, IReadOnlyList<CityPlace> NotPlaced, int OrganisationsPlaced, int WithoutCity, int CityNotPlaced, MapProjection Projection)
{
    public const double Width = 1000, Height = 600;

    /// <summary>The arcs worth drawing: the <paramref name="strongest"/> strongest, and every city's strongest one.</summary>
    public IReadOnlyList<MapArc> Drawn(int strongest)
    {
        var drawn = Arcs.Take(strongest).ToList();
        var covered = drawn.SelectMany(a => new[] { a.A.Id, a.B.Id }).ToHashSet(StringComparer.Ordinal);
        foreach (var arc in Arcs.Skip(strongest))
        {
            if (covered.Contains(arc.A.Id) && covered.Contains(arc.B.Id))
                continue;
            drawn.Add(arc);
            covered.Add(arc.A.Id);
            covered.Add(arc.B.Id);
        }
        return drawn;
    }

    /// <summary>The map of a version, for all countries or one, made once per version (a pass over every tie and relationship).</summary>
    public static MapView Of(AnalysisSnapshot snapshot, Gazetteer? gazetteer, string? country)
    {
        var places = Places(snapshot, gazetteer);
        // Only a country some city is in is kept: any other names nothing and is not worth keeping.
        return string.IsNullOrEmpty(country) || places.Values.Any(p => p.Country == country)
            ? snapshot.Cached($"map\n{country}", () => Build(snapshot, places, country))
            : Build(snapshot, places, country);
    }

    /// <summary>Placing the cities is the same for every view of this version: once.</summary>
    private static Dictionary<string, CityPlace> Places(AnalysisSnapshot snapshot, Gazetteer? gazetteer) =>
        snapshot.Cached("map places", () => snapshot.Graph.OfType<City>().Select(c => gazetteer?.Place(c) ?? Own(c)).ToDictionary(p => p.CityId));

    private static MapView Build(AnalysisSnapshot snapshot, Dictionary<string, CityPlace> places, string? country)
    {
        var graph = snapshot.Graph;
        // Organisations and events are where their (first) LOCATED_IN says.
        var cityOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in graph.Relationships.Where(r => r.Type == RelationshipType.LocatedIn))
            cityOf.TryAdd(r.From, r.To);
        var organisations = snapshot.Organisations.Organisations
            .Where(o => string.IsNullOrEmpty(country) || (cityOf.TryGetValue(o.Id, out var c) && places.TryGetValue(c, out var p) && p.Country == country))
            .ToList();
        var shown = organisations.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var metrics = snapshot.Metrics;
        var betweenness = snapshot.Organisations.Graph.Ids.Select((id, v) => (id, v)).ToDictionary(x => x.id, x => metrics.Betweenness![x.v]);
        var placedOrganisations = organisations.Where(o => cityOf.TryGetValue(o.Id, out var c) && places[c].Placed).ToList();
        var byCity = placedOrganisations.GroupBy(o => cityOf[o.Id]).ToDictionary(g => g.Key, g => g.ToList());

        var twinned = graph.Relationships.Where(r => r.Type == RelationshipType.TwinnedWith && places.TryGetValue(r.From, out var a) && a.Placed && places.TryGetValue(r.To, out var b) && b.Placed)
            .Where(r => string.IsNullOrEmpty(country) || places[r.From].Country == country || places[r.To].Country == country).ToList();
        // Organisations of one city at an event held in another: how far the delegations travel.
        var visits = graph.Relationships.Where(r => r.Type == RelationshipType.ParticipatedIn && shown.Contains(r.From)
                && cityOf.TryGetValue(r.From, out var home) && places[home].Placed && cityOf.TryGetValue(r.To, out var there) && places[there].Placed && home != there)
            .Select(r => (Home: cityOf[r.From], There: cityOf[r.To])).ToList();
        var drawnCities = byCity.Keys.Concat(twinned.SelectMany(r => new[] { r.From, r.To })).Concat(visits.SelectMany(v => new[] { v.Home, v.There }))
            .Distinct().Select(id => places[id]).ToList();
        var projection = Fit(drawnCities);
        var cities = drawnCities.ToDictionary(p => p.CityId, p =>
        {
            var (x, y) = Project(projection, p.Latitude!.Value, p.Longitude!.Value);
            var here = byCity.GetValueOrDefault(p.CityId) ?? [];
            var largest = here.OrderByDescending(o => betweenness.GetValueOrDefault(o.Id)).Select(o => o.Name).FirstOrDefault() ?? "";
            return new MapCity(p.CityId, p.Name, p.Country, p.Latitude.Value, p.Longitude.Value, x, y, here.Count, largest, p.How);
        });

        var pairs = new Dictionary<(string, string), int>();
        foreach (var tie in snapshot.Organisations.Ties)
        {
            if (!shown.Contains(tie.A) && !shown.Contains(tie.B))
                continue;
            if (!cityOf.TryGetValue(tie.A, out var a) || !cityOf.TryGetValue(tie.B, out var b) || a == b || !cities.ContainsKey(a) || !cities.ContainsKey(b))
                continue;
            var key = Pair(a, b);
            pairs[key] = pairs.GetValueOrDefault(key) + 1;
        }
        static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        var twins = twinned.Select(r => Pair(r.From, r.To)).ToHashSet();
        var travelled = visits.GroupBy(v => Pair(v.Home, v.There)).ToDictionary(g => g.Key, g => g.Count());
        var arcs = pairs.Keys.Union(twins).Union(travelled.Keys)
            .Select(k => new MapArc(cities[k.Item1], cities[k.Item2], pairs.GetValueOrDefault(k), twins.Contains(k), travelled.GetValueOrDefault(k)))
            .OrderByDescending(a => a.Ties).ThenBy(a => a.A.Name, StringComparer.Ordinal).ToList();

        // The cities that should be on the map but cannot be placed: where shown organisations sit or went to an event, or twinned.
        var wanted = organisations.Select(o => cityOf.GetValueOrDefault(o.Id)).OfType<string>()
            .Concat(graph.Relationships.Where(r => r.Type == RelationshipType.TwinnedWith).SelectMany(r => new[] { r.From, r.To }))
            .Concat(graph.Relationships.Where(r => r.Type == RelationshipType.ParticipatedIn && shown.Contains(r.From)).Select(r => cityOf.GetValueOrDefault(r.To)).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var missing = places.Values.Where(p => !p.Placed && wanted.Contains(p.CityId) && (string.IsNullOrEmpty(country) || p.Country == country))
            .OrderBy(p => p.Country, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var withoutCity = organisations.Count(o => !cityOf.ContainsKey(o.Id));
        return new MapView([.. cities.Values.OrderByDescending(c => c.Organisations)], arcs, missing, placedOrganisations.Count, withoutCity,
            organisations.Count - placedOrganisations.Count - withoutCity, projection);
    }

    private static CityPlace Own(City c) => c.Latitude is { } lat && c.Longitude is { } lon
        ? new(c.Id, c.Name, c.Country, lat, lon, c.CoordinatesSource ?? "the dataset")
        : new(c.Id, c.Name, c.Country, null, null, "no coordinates, and the gazetteer is not installed");

    public static (double X, double Y) Project(MapProjection p, double latitude, double longitude) =>
        (p.OffsetX + (longitude - p.Lon0) * p.Cos * p.Scale, p.OffsetY - (latitude - p.Lat0) * p.Scale);

    /// <summary>Fits the places into the box with a margin; a single place or a small region still shows a few degrees around it.</summary>
    private static MapProjection Fit(IReadOnlyList<CityPlace> places)
    {
        if (places.Count == 0)
            return new MapProjection(0, 0, 1, Width / 360, Width / 2, Height / 2);
        var (minLon, maxLon) = (places.Min(p => p.Longitude!.Value), places.Max(p => p.Longitude!.Value));
        var (minLat, maxLat) = (places.Min(p => p.Latitude!.Value), places.Max(p => p.Latitude!.Value));
        var (lon0, lat0) = ((minLon + maxLon) / 2, (minLat + maxLat) / 2);
        var cos = Math.Max(0.2, Math.Cos(lat0 * Math.PI / 180));
        var spanX = Math.Max((maxLon - minLon) * cos, 3) * 1.25;
        var spanY = Math.Max(maxLat - minLat, 2) * 1.25;
        var scale = Math.Min(Width / spanX, Height / spanY);
        return new MapProjection(lon0, lat0, cos, scale, Width / 2, Height / 2);
    }
}
