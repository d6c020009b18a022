namespace Network.Analysis.Domain;

/// <summary>Distances on the Earth's surface.</summary>
public static class Geo
{
    /// <summary>Great-circle distance in kilometres between two WGS 84 points (haversine, mean radius 6,371 km).</summary>
    public static double Kilometres(double lat1, double lon1, double lat2, double lon2)
    {
        const double radius = 6371;
        var (p1, p2) = (lat1 * Math.PI / 180, lat2 * Math.PI / 180);
        var (dp, dl) = (p2 - p1, (lon2 - lon1) * Math.PI / 180);
        var a = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * radius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
