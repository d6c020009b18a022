using Microsoft.AspNetCore.Authorization;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Communities;

/// <summary>The communities of the organisation network: what each is made of, who leads it, how stable it is and whom it ties to.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class IndexModel(DatasetCatalog catalog, AnalysisService analysis, Network.Api.Surveys.SurveyService surveys) : DatasetPageModel(catalog, analysis)
{
    /// <summary>When ties come from a survey few members answered: said above the communities.</summary>
    public string? SurveyNote => surveys.LowResponseNote(Dataset.Name, "communities may regroup as more answer; see how stable each is");

    public override string Section => "communities";

    public IReadOnlyList<CommunitySummary> Communities { get; private set; } = [];
    public double Modularity { get; private set; }
    public int Runs { get; private set; }
    public int Singletons { get; private set; }

    public void OnGet()
    {
        var all = CommunitySummary.Of(Snapshot, withConsensus: true);
        Singletons = all.Count(c => c.Size == 1);
        Communities = all.Where(c => c.Size > 1).ToList();
        Modularity = Snapshot.Communities.Modularity;
        Runs = Snapshot.CommunityStability.Runs;
    }
}
