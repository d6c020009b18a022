using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Changes;
using Network.Api.Datasets;
using Network.Data.Storage;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Changes;

/// <summary>What changed in the dataset, newest first, with who and through what; an editor can revert one change.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class IndexModel(DatasetCatalog catalog, AnalysisService analysis, ChangeReverter reverter) : DatasetPageModel(catalog, analysis)
{
    public override string Section => "changes";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? By { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Node { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Since { get; set; }

    public IReadOnlyList<ChangeEntry> Changes { get; private set; } = [];
    public IReadOnlyList<string> Authors { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(long? reverted, long? version, CancellationToken cancellationToken)
    {
        if (reverted is not null)
            Message = $"Change {reverted} was reverted as change {version}.";
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevertAsync(long version, CancellationToken cancellationToken)
    {
        if (!CanEdit)
            return Forbid();
        try
        {
            var result = await reverter.RevertAsync(Dataset.Name, version, User.Author("revert"), cancellationToken);
            return Redirect(DatasetLink(Section, new { reverted = version, version = result.Version }, keepDate: false));
        }
        catch (ConcurrencyConflictException e)
        {
            Error = $"Change {version} cannot be reverted: {e.What} has changed since (it is at version {e.Actual?.ToString(CultureInfo.InvariantCulture) ?? "none"}). Revert the later change first, or edit the record.";
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            Error = e.Message;
        }
        catch (Network.Analysis.Domain.ValidationFailedException e)
        {
            Error = $"Change {version} cannot be reverted: " + string.Join("; ", e.Errors.Select(x => x.ToString()));
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (day, error) = Dates.Parse(Since, "Since");
        Error ??= error;
        DateTimeOffset? since = day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        var store = Catalog.Store(Dataset.Name);
        Changes = await store.GetChangesAsync(new ChangeQuery(since, string.IsNullOrWhiteSpace(By) ? null : By, string.IsNullOrWhiteSpace(Node) ? null : Node, 200), cancellationToken);
        Authors = (await store.GetChangesAsync(new ChangeQuery(Limit: 1000), cancellationToken)).Select(c => c.By).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
