using Microsoft.AspNetCore.Routing;
using Network.Analysis.Domain;
using Network.Api.Nodes;

namespace Network.Api.Agreements;

public static class AgreementsApi
{
    /// <summary>/api/datasets/{dataset}/agreements, filterable by kind and validOn=yyyy-mm-dd.</summary>
    public static IEndpointRouteBuilder MapAgreements(this IEndpointRouteBuilder app)
    {
        app.MapNodeEndpoints<Agreement>("agreements", "Agreements", (a, q) => NodeEndpoints.Matches(q, "kind", k => a.Kind == k) && NodeEndpoints.Matches(q, "validOn", d => a.IsValidOn(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture))));
        return app;
    }
}
