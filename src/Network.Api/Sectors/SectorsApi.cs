using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Nodes;

namespace Network.Api.Sectors;

public static class SectorsApi
{
    /// <summary>/api/datasets/{dataset}/sectors, the value-chain clusters.</summary>
    public static IEndpointRouteBuilder MapSectors(this IEndpointRouteBuilder app)
    {
        app.MapNodeEndpoints<Sector>("sectors", "Sectors");
        return app;
    }
}
