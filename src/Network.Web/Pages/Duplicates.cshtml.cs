using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Analysis.Resolution;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Resolution;

namespace Network.Web.Pages;

/// <summary>Entity resolution for a person: suggested duplicates with their evidence, each to merge or reject, and the merges made, each to undo.</summary>
[Authorize(Policy = Policies.Edit)]
public class DuplicatesModel(DatasetCatalog catalog, ResolutionService resolution) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "dataset")]
    public string? DatasetName { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public DatasetInfo? Dataset { get; private set; }
    public IReadOnlyList<MergeGroup> Groups { get; private set; } = [];

    /// <summary>At most this many groups are shown (the search finds the others).</summary>
    public const int GroupLimit = 60;

    public int GroupCount { get; private set; }
    public IReadOnlyList<MergeRecord> Merges { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Dataset = catalog.FindOrFirst(DatasetName);
        if (Dataset is null)
            return NotFound();
        var groups = (await resolution.GroupsAsync(Dataset.Name, EntityResolution.Threshold, ct))
            .Where(g => string.IsNullOrWhiteSpace(Query) || g.KeepName.Contains(Query, StringComparison.OrdinalIgnoreCase)
                || g.Members.Any(m => m.DropName.Contains(Query, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        GroupCount = groups.Count;
        Groups = groups.Take(GroupLimit).ToList();
        Merges = resolution.Merges(Dataset.Name);
        return Page();
    }

    public Task<IActionResult> OnPostMergeAsync(string keep, string drop, CancellationToken ct) =>
        Act(async () => (await resolution.MergeAsync(DatasetName!, keep, drop, User.UserName(), ct)).MergeId, $"Merged {drop} into {keep}.");

    /// <summary>Every record of a group that scores at the threshold against the kept one, merged into it one after the other.</summary>
    public Task<IActionResult> OnPostMergeAllAsync(string keep, string[] drops, CancellationToken ct) =>
        Act(async () =>
        {
            if (drops.Length is 0 or > 200)
                throw new ArgumentException("Choose between 1 and 200 records to merge.");
            foreach (var drop in drops)
                await resolution.MergeAsync(DatasetName!, keep, drop, User.UserName(), ct);
            return "";
        }, $"Merged {drops.Length} records into {keep}.");

    public Task<IActionResult> OnPostRejectAsync(string keep, string drop) =>
        Act(() =>
        {
            resolution.Reject(DatasetName!, keep, drop);
            return Task.FromResult("");
        }, $"{keep} and {drop} are marked as different.");

    public Task<IActionResult> OnPostUndoAsync(string mergeId, CancellationToken ct) =>
        Act(async () => (await resolution.UndoAsync(DatasetName!, mergeId, User.UserName(), ct)).MergeId, "The merge was undone.");

    private async Task<IActionResult> Act(Func<Task<string>> action, string success)
    {
        try
        {
            await action();
            Message = success;
        }
        catch (Exception e) when (e is KeyNotFoundException or Network.Data.Storage.ConcurrencyConflictException or BadHttpRequestException or ArgumentException or Network.Analysis.Domain.ValidationFailedException)
        {
            Message = $"Not done: {e.Message}";
        }
        return RedirectToPage(new { dataset = DatasetName, q = Query });
    }
}
