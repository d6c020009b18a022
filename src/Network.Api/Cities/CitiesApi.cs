using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Nodes;

namespace Network.Api.Cities;

public static class CitiesApi
{
    /// <summary>/api/datasets/{dataset}/cities, filterable by country and region.</summary>
    public static IEndpointRouteBuilder MapCities(this IEndpointRouteBuilder app)
    {
        app.MapNodeEndpoints<City>("cities", "Cities", (c, q) => NodeEndpoints.Matches(q, "country", x => string.Equals(c.Country, x, StringComparison.OrdinalIgnoreCase)) && NodeEndpoints.Matches(q, "region", r => string.Equals(c.Region, r, StringComparison.OrdinalIgnoreCase)));
        return app;
    }
}
