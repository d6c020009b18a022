using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Analysis.Domain;
using Network.Analysis.Insights;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.WhatIf;

/// <summary>
/// Try a change before making it: remove an actor, or add a partnership between two organisations, and see today and
/// the changed network side by side. Nothing is written until an editor confirms (a POST with antiforgery, through the
/// one writer, with the record's version so a colleague's change in between is not overwritten).
/// </summary>
[Authorize(Policy = Policies.Read)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AuthSetup.RateAnalysis)]
public sealed class IndexModel(DatasetCatalog catalog, AnalysisService analysis, NetworkWriter writer, Network.Api.Surveys.SurveyService surveys) : DatasetPageModel(catalog, analysis)
{
    /// <summary>When ties come from a survey that few members answered, what a departure or an introduction changes rests on part of the picture.</summary>
    public string? SurveyNote => surveys.LowResponseNote(Dataset.Name, "what a change breaks or mends here may look different once more answer");

    public override string Section => "what-if";

    [BindProperty(SupportsGet = true)]
    public string? Remove { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The names typed in the pickers: used when no id was chosen (without script, or Enter before a choice).</summary>
    [BindProperty(SupportsGet = true)]
    public string? RemoveName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FromName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ToName { get; set; }

    public Node? Removed { get; private set; }
    public Organisation? FromOrganisation { get; private set; }
    public Organisation? ToOrganisation { get; private set; }
    public WhatIfReport? Report { get; private set; }
    public ScenarioComparison? Comparison { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The groups that lose their connections, each with the groups it loses, largest first.</summary>
    public IReadOnlyList<(string Attribute, string Group, int Size, IReadOnlyList<(string Name, int Size)> From)> Severed { get; private set; } = [];

    /// <summary>
    /// Severed pairs read per group cut off: "city Adelaide (1) loses every path to Paris (78), Bruxelles (74) and
    /// 1,200 more", not 1,200 lines of pairs. A pair is put under the group that appears in more of the pairs (the one
    /// that was cut off); groups come largest loss first.
    /// </summary>
    private static List<(string, string, int, IReadOnlyList<(string, int)>)> ByGroup(IReadOnlyList<SeveredGroups> severed)
    {
        var appearances = severed.SelectMany(x => new[] { (x.Attribute, x.From), (x.Attribute, x.To) }).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        return severed
            .Select(x => appearances[(x.Attribute, x.From)] >= appearances[(x.Attribute, x.To)]
                ? (x.Attribute, Group: x.From, Size: x.FromSize, Other: x.To, OtherSize: x.ToSize)
                : (x.Attribute, Group: x.To, Size: x.ToSize, Other: x.From, OtherSize: x.FromSize))
            .GroupBy(x => (x.Attribute, x.Group, x.Size))
            .OrderByDescending(g => g.Sum(x => (long)x.Size * x.OtherSize)).ThenBy(g => g.Key.Attribute, StringComparer.Ordinal).ThenBy(g => g.Key.Group, StringComparer.Ordinal)
            .Select(g => (g.Key.Attribute, g.Key.Group, g.Key.Size, (IReadOnlyList<(string, int)>)g.OrderByDescending(x => x.OtherSize).ThenBy(x => x.Other, StringComparer.Ordinal).Select(x => (x.Other, x.OtherSize)).ToList()))
            .ToList();
    }

    /// <summary>The version of the record to remove, as this page saw it: the confirmation must match it.</summary>
    public long RemovedVersion { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Removed is not null)
            RemovedVersion = (await Catalog.Store(Dataset.Name).GetVersionedNodeAsync(Removed.Id, cancellationToken))?.Version ?? 0;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var nodes = Snapshot.NodesById;
        // A name typed without choosing: the best match of the same search the picker uses.
        string? Best(string? id, string? name, Func<Node, bool> allowed) =>
            !string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(name) ? id
            : Network.Analysis.Text.NameSearch.Find(Snapshot.Graph.Nodes.Where(allowed), name).FirstOrDefault()?.Id ?? name;
        Remove = Best(Remove, RemoveName, n => n is Organisation or Person or Agreement or Event);
        From = Best(From, FromName, n => n is Organisation);
        To = Best(To, ToName, n => n is Organisation);
        if (!string.IsNullOrWhiteSpace(Remove))
        {
            Removed = nodes.GetValueOrDefault(Remove);
            if (Removed is not (Organisation or Person or Agreement or Event))
            {
                Error = Removed is null ? $"There is no record '{Remove}' in this dataset." : $"{Removed.DisplayName} is a {RecordKinds.Singular(Removed.Label)}; a what-if removes an organisation, person, agreement or event.";
                Removed = null;
                return;
            }
            // Queued at the analysis gate without holding a request thread.
            var removed = Removed.Id;
            (Report, Comparison) = await Snapshot.HeavyAsync(s => (s.WhatIf(removed), s.WithoutActor(removed)), cancellationToken);
            Severed = ByGroup(Report.Severed);
        }
        else if (!string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To))
        {
            FromOrganisation = nodes.GetValueOrDefault(From ?? "") as Organisation;
            ToOrganisation = nodes.GetValueOrDefault(To ?? "") as Organisation;
            if (FromOrganisation is null || ToOrganisation is null || FromOrganisation.Id == ToOrganisation.Id)
            {
                Error = "Choose two different organisations to tie together.";
                return;
            }
            var (a, b) = (FromOrganisation.Id, ToOrganisation.Id);
            Comparison = await Snapshot.HeavyAsync(s => s.WithPartnership(a, b), cancellationToken);
        }
    }

    /// <summary>An editor confirms the removal: the record and its relationships are deleted through the one writer.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string id, long version, CancellationToken cancellationToken)
    {
        if (!CanEdit)
            return Forbid();
        var store = Catalog.Store(Dataset.Name);
        if (await store.GetVersionedNodeAsync(id, cancellationToken) is not { } found)
            return NotFound();
        if (found.Version != version)
        {
            Error = $"{found.Value.DisplayName} was changed by a colleague after you opened this page (version {found.Version}, you saw {version}). Nothing was deleted; look again before you decide.";
            Remove = id;
            await LoadAsync(cancellationToken);
            RemovedVersion = found.Version;
            return Page();
        }
        await writer.DeleteNodeAsync(Dataset.Name, found.Value, version, User.Author("what-if"), cancellationToken);
        return Redirect($"/datasets/{Uri.EscapeDataString(Dataset.Name)}?removed={Uri.EscapeDataString(found.Value.DisplayName)}");
    }

    /// <summary>An editor confirms the introduction: a direct partnership is recorded through the one writer.</summary>
    public async Task<IActionResult> OnPostTieAsync(string from, string to, CancellationToken cancellationToken)
    {
        if (!CanEdit)
            return Forbid();
        var relationship = new Relationship(RelationshipType.PartnersWith, from, to, $"what-if page: {User.UserName()} {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z") { Kind = "introduction" };
        try
        {
            await writer.CreateRelationshipAsync(Dataset.Name, relationship, User.Author("what-if"), cancellationToken);
        }
        catch (Exception e) when (e is Network.Data.Storage.ConcurrencyConflictException or ValidationFailedException)
        {
            Error = e is ValidationFailedException invalid
                ? "Nothing was added: " + string.Join("; ", invalid.Errors.Select(x => x.Message))
                : "These two already have a direct partnership: nothing was added.";
            From = from;
            To = to;
            await LoadAsync(cancellationToken);
            return Page();
        }
        return Redirect(RecordKinds.Link(Dataset.Name, NodeLabel.Organisation, from));
    }
}
