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
    public IReadOnlyList<MergeSuggestion> Suggestions { get; private set; } = [];
    public IReadOnlyList<MergeRecord> Merges { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Dataset = catalog.FindOrFirst(DatasetName);
        if (Dataset is null)
            return NotFound();
        Suggestions = (await resolution.SuggestAsync(Dataset.Name, Network.Analysis.Resolution.EntityResolution.Threshold, ct))
            .Where(s => string.IsNullOrWhiteSpace(Query) || s.KeepName.Contains(Query, StringComparison.OrdinalIgnoreCase) || s.DropName.Contains(Query, StringComparison.OrdinalIgnoreCase))
            .Take(100).ToList();
        Merges = resolution.Merges(Dataset.Name);
        return Page();
    }

    public Task<IActionResult> OnPostMergeAsync(string keep, string drop, CancellationToken ct) =>
        Act(async () => (await resolution.MergeAsync(DatasetName!, keep, drop, User.UserName(), ct)).MergeId, $"Merged {drop} into {keep}.");

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
