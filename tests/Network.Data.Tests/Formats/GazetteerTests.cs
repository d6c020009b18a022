using Network.Analysis.Domain;
using Network.Data.Formats;
using Network.Tests;

namespace Network.Data.Tests.Formats;

/// <summary>Placing cities on the map: from the data when it has coordinates, else the shipped GeoNames gazetteer, never guessed.</summary>
public sealed class GazetteerTests
{
    private static readonly Gazetteer Places = Gazetteer.Load(Path.Combine(RepositoryPaths.Root, "data", "gazetteer", "cities.tsv.gz"));

    private static City Named(string name, string country) => new($"city-{name}", name, country, "test");

    [Theory]
    [InlineData("Leuven", "BE", 50.88, 4.70, "")]
    [InlineData("LEUVEN", "BE", 50.88, 4.70, "")]
    [InlineData("Liege", "BE", 50.63, 5.57, "")]
    [InlineData("Wien", "AT", 48.21, 16.37, "as Vienna")]
    [InlineData("Klagenfurt", "AT", 46.62, 14.31, "as Klagenfurt am Wörthersee")]
    [InlineData("Heverlee Leuven", "BE", 50.88, 4.70, "at Leuven (named in 'Heverlee Leuven')")]
    [InlineData("Wuxi", "CN", 31.57, 120.29, "")]
    public void ACityIsPlacedAndSaysHow(string name, string country, double latitude, double longitude, string how)
    {
        var place = Places.Place(Named(name, country));
        Assert.True(place.Placed, place.How);
        Assert.Equal(latitude, place.Latitude!.Value, 1);
        Assert.Equal(longitude, place.Longitude!.Value, 1);
        Assert.StartsWith(Gazetteer.Attribution, place.How);
        Assert.Contains(how, place.How);
    }

    [Fact]
    public void AnAmbiguousNameIsListedNotGuessed()
    {
        // Two German towns called Altdorf of similar size, far apart.
        var place = Places.Place(Named("Altdorf", "DE"));
        Assert.False(place.Placed);
        Assert.Contains("places called 'Altdorf' in DE", place.How);
    }

    [Theory]
    [InlineData("Nowhereville", "BE", "no place called 'Nowhereville' in BE")]
    [InlineData("1040", "BE", "no place called '1040' in BE")]
    [InlineData("Leuven", "FR", "no place called 'Leuven' in FR")]
    public void AnUnknownPlaceIsListedWithTheReason(string name, string country, string reason)
    {
        var place = Places.Place(Named(name, country));
        Assert.False(place.Placed);
        Assert.Contains(reason, place.How);
    }

    [Fact]
    public void TheDatasetsOwnCoordinatesComeFirstWithTheirSource()
    {
        var city = Named("Leuven", "BE") with { Latitude = 1, Longitude = 2, CoordinatesSource = "a survey" };
        var place = Places.Place(city);
        Assert.Equal((1.0, 2.0, "a survey"), (place.Latitude!.Value, place.Longitude!.Value, place.How));
    }

    [Fact]
    public void TheSeedAndTheTwinTownsCarryCoordinatesWithTheirSource()
    {
        var seed = CsvBundle.Read(TestPaths.SeedFolder).OfType<City>().ToList();
        Assert.All(seed, c => Assert.True(c.Latitude is not null && c.CoordinatesSource!.StartsWith("GeoNames", StringComparison.Ordinal), c.Name));
        var wuxi = seed.Single(c => c.Id == "city-wuxi");
        Assert.Equal((31.5689, 120.2886), (wuxi.Latitude!.Value, wuxi.Longitude!.Value));

        var twins = DataFolder.Read(Path.Combine(RepositoryPaths.Root, "data", "sister-cities")).OfType<City>().ToList();
        Assert.True(twins.Count > 300);
        Assert.All(twins, c => Assert.True(c.Latitude is not null && c.CoordinatesSource is not null, c.Name));
        var liege = twins.Single(c => c.Name == "Liège" && c.Country == "BE");
        Assert.Equal(50.6397, liege.Latitude!.Value, 3);
    }

    [Theory]
    [InlineData(91.0, 4.0, "latitude", "not between -90 and 90")]
    [InlineData(50.0, -181.0, "longitude", "not between -180 and 180")]
    [InlineData(50.0, null, "longitude", "give both or neither")]
    public void CoordinatesOutOfRangeOrAloneAreRefused(double? latitude, double? longitude, string field, string message)
    {
        var city = Named("Leuven", "BE") with { Latitude = latitude, Longitude = longitude };
        var error = Assert.Single(DomainRules.Check(city));
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }
}
