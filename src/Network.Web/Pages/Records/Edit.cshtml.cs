using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Network.Analysis.Domain;
using Network.Api.Analysis;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Data.Storage;
using Network.Web.Pages.Workspace;

namespace Network.Web.Pages.Records;

/// <summary>
/// Create, edit and delete a record of any kind, and its relationships, through the one writer (so colleagues hear of it
/// on the hub). A refused form changes nothing and names each field in place; a save over a colleague's newer version is
/// refused and shows theirs beside yours.
/// </summary>
[Authorize(Policy = Policies.Edit)]
public sealed class EditModel(DatasetCatalog catalog, AnalysisService analysis, NetworkWriter writer, RecordEditing editing) : DatasetPageModel(catalog, analysis)
{
    [FromRoute(Name = "collection")]
    public string KindSegment { get; set; } = "";

    [FromRoute(Name = "id")]
    public string? Id { get; set; }

    [BindProperty]
    public RecordForm Form { get; set; } = new();

    /// <summary>The version of the record the form was filled from; a save must still find it.</summary>
    [BindProperty]
    public long Version { get; set; }

    public override string Section => KindSegment;

    protected override string? PresenceRecord => Id;

    protected override bool PresenceEditing => Id is not null;

    protected override bool LiveContent => false;

    public NodeLabel Label { get; private set; }
    public bool IsNew => Id is null;

    /// <summary>The record's stored name (the form's may be what someone is typing).</summary>
    public string RecordName => (Id is null ? null : Snapshot.NodesById.GetValueOrDefault(Id)?.DisplayName) ?? Form.Name ?? "";
    public Node? Theirs { get; private set; }
    public string? Notice { get; private set; }
    public IReadOnlyList<(RelationshipLine Line, long Version)> Relationships { get; private set; } = [];
    public IReadOnlyList<City> Cities { get; private set; } = [];
    public IReadOnlyList<Sector> Sectors { get; private set; } = [];
    public IReadOnlyList<RelationshipSchema> RelationshipTypes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Prepare())
            return NotFound();
        if (!IsNew)
        {
            if (await Catalog.Store(Dataset.Name).GetVersionedNodeAsync(Id!, cancellationToken) is not { } found || found.Value.Label != Label)
                return NotFound();
            Form = RecordForm.From(found.Value, CityOf(Id!));
            Version = found.Version;
            await LoadRelationshipsAsync(cancellationToken);
        }
        else
        {
            Form.Source = RecordEditing.EnteredBy(User.UserName(), DateTimeOffset.UtcNow);
            // A new record can start from what another page knows (a partner a survey respondent named): its name,
            // city and where the name came from.
            if (Request.Query["name"].ToString() is { Length: > 0 and <= 200 } name)
                Form.Name = name;
            if (Request.Query["city"].ToString() is { Length: > 0 and <= 200 } city)
                Form.CityName = city;
            if (Request.Query["source"].ToString() is { Length: > 0 and <= 400 } source)
                Form.Source = $"{source}; {RecordEditing.EnteredBy(User.UserName(), DateTimeOffset.UtcNow)}";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Prepare())
            return NotFound();
        var store = Catalog.Store(Dataset.Name);
        var id = IsNew ? (string.IsNullOrWhiteSpace(Form.Id) ? RecordEditing.NewId(Label, Form.Name) : Form.Id.Trim()) : Id!;
        var (node, errors) = Form.ToNode(Label, id);
        // A form lists sectors and stages in its own order; the same set in another order is no change.
        if (node is Organisation edited && !IsNew && Snapshot.NodesById.GetValueOrDefault(id) is Organisation stored)
        {
            node = edited with
            {
                Sectors = edited.Sectors.ToHashSet().SetEquals(stored.Sectors) ? stored.Sectors : edited.Sectors,
                Stages = edited.Stages.ToHashSet().SetEquals(stored.Stages) ? stored.Stages : edited.Stages,
            };
        }
        foreach (var (field, message) in errors)
            ModelState.AddModelError($"Form.{field}", message);
        foreach (var error in DomainRules.Check(node))
            ModelState.AddModelError($"Form.{RecordForm.FieldOf(error.Field)}", error.Message);
        var city = CityChange.None;
        if (node is Organisation && ModelState.IsValid)
        {
            // The city field is the organisation's LOCATED_IN relationship.
            var current = IsNew ? null : CityOf(id);
            // The picker sends the city's id; a name typed without choosing is resolved by the same search.
            var chosen = !string.IsNullOrWhiteSpace(Form.City) ? Form.City.Trim()
                : string.IsNullOrWhiteSpace(Form.CityName) ? null
                : Network.Analysis.Text.NameSearch.Find(Cities, Form.CityName).FirstOrDefault()?.Id ?? Form.CityName.Trim();
            if (chosen is not null && Cities.All(c => c.Id != chosen))
                ModelState.AddModelError("Form.City", $"'{chosen}' is not a city of this dataset");
            else
                city = RecordEditing.MoveCity(id, current, chosen, node.Source);
        }
        if (!ModelState.IsValid)
        {
            await LoadRelationshipsAsync(cancellationToken);
            return Page();
        }
        try
        {
            await editing.SaveAsync(Dataset.Name, node, IsNew ? 0 : Version, city, User.Author("form"), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            if (IsNew)
            {
                ModelState.AddModelError("Form.Id", $"a record with id '{id}' exists already; choose another id");
            }
            else
            {
                var found = await store.GetVersionedNodeAsync(id, cancellationToken);
                Theirs = found?.Value;
                Notice = found is null
                    ? "A colleague deleted this record after you opened it. Nothing was saved."
                    : $"A colleague saved this record after you opened it (their version {found.Version}, yours was {Version}). Nothing was saved: compare with theirs below, then save again to replace it with yours.";
                if (found is not null)
                    Version = found.Version;
                ModelState.Remove(nameof(Version));
            }
            await LoadRelationshipsAsync(cancellationToken);
            return Page();
        }
        catch (ValidationFailedException invalid)
        {
            foreach (var error in invalid.Errors)
                ModelState.AddModelError($"Form.{RecordForm.FieldOf(error.Field)}", error.Message);
            await LoadRelationshipsAsync(cancellationToken);
            return Page();
        }
        return Redirect(RecordKinds.Link(Dataset.Name, Label, id) + "?saved=1");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!Prepare() || IsNew)
            return NotFound();
        if (await Catalog.Store(Dataset.Name).GetVersionedNodeAsync(Id!, cancellationToken) is not { } found)
            return Redirect(DatasetLink(KindSegment, keepDate: false));
        try
        {
            await writer.DeleteNodeAsync(Dataset.Name, found.Value, Version, User.Author("form"), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            Form = RecordForm.From(found.Value, CityOf(Id!));
            Notice = $"A colleague changed this record after you opened it (version {found.Version}). Nothing was deleted: look at their change, then delete again if you still want to.";
            Version = found.Version;
            ModelState.Clear();
            await LoadRelationshipsAsync(cancellationToken);
            return Page();
        }
        return Redirect(DatasetLink(KindSegment, keepDate: false) + "?deleted=" + Uri.EscapeDataString(found.Value.DisplayName));
    }

    public async Task<IActionResult> OnPostAddRelationshipAsync(string type, string? other, string? otherName, bool outgoing, string? role, string? since, string? until, string? kind, string? weight, CancellationToken cancellationToken)
    {
        if (!Prepare() || IsNew)
            return NotFound();
        ModelState.Clear();
        var errors = new List<string>();
        other = string.IsNullOrWhiteSpace(other) ? otherName : other;
        var target = Snapshot.NodesById.GetValueOrDefault(other?.Trim() ?? "")
            ?? Network.Analysis.Text.NameSearch.Find(Snapshot.Graph.Nodes.Where(n => n.Id != Id), other).FirstOrDefault(n => Network.Analysis.Text.NameSearch.Rank(n, other ?? "") == 0);
        if (!Network.Analysis.Domain.RelationshipTypes.TryParse(type, out var relationshipType))
            errors.Add($"'{type}' is not a relationship type");
        if (target is null)
            errors.Add($"no record '{other}' in this dataset (give its id or exact name)");
        DateOnly? Date(string? text, string field)
        {
            var (date, error) = Dates.Parse(text, field);
            if (error is not null)
                errors.Add(error);
            return date;
        }
        double? w = null;
        if (!string.IsNullOrWhiteSpace(weight))
        {
            if (double.TryParse(weight, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                w = parsed;
            else
                errors.Add($"weight: '{weight}' is not a number");
        }
        var (sinceDate, untilDate) = (Date(since, "since"), Date(until, "until"));
        if (errors.Count == 0)
        {
            var (from, to) = outgoing ? (Id!, target!.Id) : (target!.Id, Id!);
            var relationship = new Relationship(relationshipType, from, to, RecordEditing.EnteredBy(User.UserName(), DateTimeOffset.UtcNow))
            {
                Role = string.IsNullOrWhiteSpace(role) ? null : role.Trim(),
                Kind = string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(),
                Since = sinceDate,
                Until = untilDate,
                Weight = w,
            };
            var nodes = Snapshot.NodesById;
            errors.AddRange(DomainRules.Check(relationship, nodes.GetValueOrDefault(from)?.Label, nodes.GetValueOrDefault(to)?.Label).Select(e => $"{e.Field}: {e.Message}"));
            if (errors.Count == 0)
            {
                try
                {
                    await writer.CreateRelationshipAsync(Dataset.Name, relationship, User.Author("form"), cancellationToken);
                    return Redirect(DatasetLink($"{KindSegment}/{Uri.EscapeDataString(Id!)}/edit", keepDate: false) + "#relationships");
                }
                catch (ConcurrencyConflictException)
                {
                    errors.Add("this relationship exists already");
                }
                catch (ValidationFailedException invalid)
                {
                    errors.AddRange(invalid.Errors.Select(e => $"{e.Field}: {e.Message}"));
                }
            }
        }
        foreach (var error in errors)
            ModelState.AddModelError("Relationship", error);
        return await ReloadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveRelationshipAsync(string type, string from, string to, long relationshipVersion, CancellationToken cancellationToken)
    {
        if (!Prepare() || IsNew)
            return NotFound();
        ModelState.Clear();
        if (!Network.Analysis.Domain.RelationshipTypes.TryParse(type, out var relationshipType))
            return BadRequest();
        try
        {
            await writer.DeleteRelationshipAsync(Dataset.Name, new RelationshipKey(relationshipType, from, to), relationshipVersion, User.Author("form"), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            ModelState.AddModelError("Relationship", "A colleague changed or removed this relationship after you opened the page; nothing was removed. Look again below.");
            return await ReloadAsync(cancellationToken);
        }
        return Redirect(DatasetLink($"{KindSegment}/{Uri.EscapeDataString(Id!)}/edit", keepDate: false) + "#relationships");
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        if (await Catalog.Store(Dataset.Name).GetVersionedNodeAsync(Id!, cancellationToken) is not { } found)
            return NotFound();
        Form = RecordForm.From(found.Value, CityOf(Id!));
        Version = found.Version;
        await LoadRelationshipsAsync(cancellationToken);
        return Page();
    }

    private bool Prepare()
    {
        if (RecordKinds.FromSegment(KindSegment) is not { } label)
            return false;
        Label = label;
        Cities = Snapshot.Graph.OfType<City>().OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        Sectors = Snapshot.Graph.OfType<Sector>().OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
        RelationshipTypes = Network.Analysis.Domain.RelationshipTypes.Schema
            .Where(s => (s.FromLabels.Contains(label) || s.ToLabels.Contains(label)) && !(label == NodeLabel.Organisation && s.Type == RelationshipType.LocatedIn))
            .ToList();
        return true;
    }

    private string? CityOf(string id) =>
        Snapshot.Graph.Relationships.FirstOrDefault(r => r.Type == RelationshipType.LocatedIn && r.From == id)?.To;

    private async Task LoadRelationshipsAsync(CancellationToken cancellationToken)
    {
        if (IsNew)
            return;
        var node = Snapshot.NodesById.GetValueOrDefault(Id!);
        if (node is null)
            return;
        var found = (await editing.RelationshipsAsync(Dataset.Name, Id!, cancellationToken))
            .Where(r => !(node is Organisation && r.Value.Type == RelationshipType.LocatedIn && r.Value.From == node.Id)).ToList();
        var versions = found.ToDictionary(r => r.Value.Key, r => r.Version);
        Relationships = [.. RecordView.Relationships(node, found.Select(r => r.Value), Snapshot.NodesById).Take(200)
            .Select(line => (line, versions.GetValueOrDefault(line.Relationship.Key)))];
    }

    public string? ErrorOf(string field) =>
        ModelState.TryGetValue($"Form.{field}", out var entry) && entry.Errors.Count > 0 ? string.Join("; ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
