using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Network.Api.Auth;
using Network.Api.Datasets;
using Network.Api.Editing;
using Network.Api.Imports;
using Network.Data.Mapping;

namespace Network.Web.Pages;

/// <summary>
/// Bring your own data: upload CSV files, get a proposed mapping, correct it, preview the first records with every
/// problem, import all or nothing, and keep the mapping for next time. Also creates datasets from the shipped data.
/// Uploaded files stay in a private folder under the data folder between the steps.
/// </summary>
[Authorize(Policy = Policies.Edit)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(PageAuth.RateImportPage)]
[RequestSizeLimit(ImportApi.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportApi.MaxUploadBytes)]
public class ImportModel(DatasetCatalog catalog, NetworkWriter writer, FolderImports folderImports) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Dataset { get; set; }

    [BindProperty]
    public string? Upload { get; set; }

    [BindProperty]
    public string? MappingJson { get; set; }

    [BindProperty]
    public string? SaveAs { get; set; }

    /// <summary>The mapping as a form: per file what it becomes and which column fills what.</summary>
    [BindProperty]
    public List<FileChoice> Files { get; set; } = [];

    /// <summary>Per uploaded file: its columns and its first rows, to choose from and to check against.</summary>
    public IReadOnlyDictionary<string, FileSample> Samples { get; private set; } = new Dictionary<string, FileSample>();

    [BindProperty]
    public string? NewDataset { get; set; }

    public IReadOnlyList<DatasetInfo> Datasets { get; private set; } = [];
    public IReadOnlyList<string> Shipped { get; private set; } = [];
    public IReadOnlyList<string> UploadedFiles { get; private set; } = [];
    public MappedPreview? Preview { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile> files, CancellationToken ct)
    {
        Load();
        if (files.Count == 0)
            return Fail("Choose one or more CSV files.");
        try
        {
            using var upload = await Api.Imports.Upload.ReceiveAsync(files, KeptUploads.Incoming(Uploads), MappedImport.Refuse, ct);
            Samples = FileSample.ReadAll(upload.Folder);
            // Kept for the preview and the import that follow; cleared after the import, or after a few hours.
            Upload = KeptUploads.Keep(upload, Uploads);
        }
        catch (InvalidDataException e)
        {
            return Fail(e.Message);
        }
        var proposal = MappingProposer.Propose("uploaded files", Samples.ToDictionary(s => s.Key, s => s.Value.Columns));
        MappingJson = JsonSerializer.Serialize(proposal, MappingFile.Json);
        UploadedFiles = Samples.Keys.ToList();
        Files = MappingForm.Read(proposal, UploadedFiles);
        Message = "A mapping is proposed below: check what each file is and which column fills what, then preview.";
        return Page();
    }

    public Task<IActionResult> OnPostPreviewAsync(CancellationToken ct) => Run(dryRun: true, ct);

    public Task<IActionResult> OnPostImportAsync(CancellationToken ct) => Run(dryRun: false, ct);

    /// <summary>Folders in the server's import folder (admins only; empty for others).</summary>
    public IReadOnlyList<ServerFolder> ServerFolders { get; private set; } = [];

    /// <summary>Where an admin puts large data folders on the server.</summary>
    public string ImportFolder => folderImports.Root;

    /// <summary>Starts creating a dataset from a folder on the server (admins); the page then shows its progress.</summary>
    public IActionResult OnPostServerFolder(string folder)
    {
        Load();
        if (!User.IsInRole(Network.Data.Users.Roles.Admin))
            return Fail("Only an admin creates a dataset from a folder on the server.");
        if (string.IsNullOrWhiteSpace(NewDataset))
            return Fail("Name the new dataset.");
        try
        {
            if (folderImports.Start(folder, new DatasetInfo(NewDataset.Trim(), NewDataset.Trim(), false, $"server folder {folder}")) is null)
                return Fail($"No data folder '{folder}' in the server's import folder.");
        }
        catch (Exception e) when (e is InvalidOperationException or Network.Analysis.Domain.ValidationFailedException)
        {
            return Fail(e.Message);
        }
        return Redirect("/import#server-folders");
    }

    public async Task<IActionResult> OnPostShippedAsync(string from, CancellationToken ct)
    {
        Load();
        var folder = catalog.Shipped.Folder(from);
        if (folder is null)
            return Fail($"No shipped data folder '{from}'.");
        try
        {
            if (!string.IsNullOrWhiteSpace(NewDataset))
            {
                // Datasets are created by admins (SECURITY.md); an editor adds to the datasets they may edit.
                if (!User.IsInRole(Network.Data.Users.Roles.Admin))
                    return Fail("Only an admin can create a dataset; choose an existing one to add to, or ask an admin.");
                var info = await catalog.CreateFromFolderAsync(new DatasetInfo(NewDataset.Trim(), $"{from} (data/{from})", false, $"data/{from}"), folder, ct);
                return Redirect($"/datasets/{Uri.EscapeDataString(info.Name)}");
            }
            if (Dataset is null || catalog.Find(Dataset) is null)
                return Fail("Choose a dataset to add to, or name a new one.");
            var dataset = Dataset;
            var outcome = await Data.Imports.Importer.RunAsync(catalog.Store(dataset), folder, null, false, (batch, c) => writer.ImportAsync(dataset, batch, User.UserName(), $"data/{from}", c), ct);
            if (!outcome.Valid)
                return Fail($"{outcome.Errors.Count} problems in data/{from}, nothing was written: {string.Join("; ", outcome.Errors.Take(3))}");
            return Redirect($"/datasets/{Uri.EscapeDataString(dataset)}/changes");
        }
        catch (Exception e) when (e is Network.Analysis.Domain.ValidationFailedException or InvalidDataException)
        {
            return Fail(e.Message);
        }
    }

    private async Task<IActionResult> Run(bool dryRun, CancellationToken ct)
    {
        Load();
        var folder = UploadFolder();
        if (folder is null || !Directory.Exists(folder))
            return Fail("Upload the files first.");
        Samples = FileSample.ReadAll(folder);
        UploadedFiles = Samples.Keys.ToList();
        if (Dataset is null || catalog.Find(Dataset) is null)
            return Fail("Choose the dataset to import into.");
        if (!string.IsNullOrWhiteSpace(SaveAs) && !SavedMappings.IsName(SaveAs))
            return Fail($"'{SaveAs}' is not a mapping name (letters, digits, dashes).");
        MappingFile mapping;
        try
        {
            mapping = MappedImport.ParseMapping(MappingJson ?? "");
            // The form's choices on top of the JSON (which keeps what the form does not show: prefixes, translations).
            if (Files.Count > 0)
                mapping = MappingForm.Apply(mapping, Files);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return Fail(e.Message);
        }
        MappingJson = JsonSerializer.Serialize(mapping, MappingFile.Json);
        Files = MappingForm.Read(mapping, UploadedFiles);
        try
        {
            Preview = await MappedImport.RunAsync(catalog, writer, Dataset, mapping, folder, dryRun, User.UserName(), ct);
            // Imported: the upload has done its work.
            if (!dryRun && Preview.Valid)
                Directory.Delete(folder, recursive: true);
        }
        catch (InvalidDataException e)
        {
            return Fail(e.Message);
        }
        if (!string.IsNullOrWhiteSpace(SaveAs))
            SavedMappings.Save(catalog.State, SaveAs, mapping);
        Message = Preview.Valid
            ? dryRun ? $"Valid: {Preview.Nodes} nodes and {Preview.Relationships} relationships would be written." : $"Imported {Preview.Nodes} nodes and {Preview.Relationships} relationships (data version {Preview.Version})."
            : $"{Preview.Errors.Count} problem{(Preview.Errors.Count == 1 ? "" : "s")}; nothing was written.";
        return Page();
    }

    private string Uploads => Path.Combine(catalog.DataFolder, "uploads");

    private string? UploadFolder() => Upload is { } token ? KeptUploads.Folder(Uploads, token) : null;

    private void Load()
    {
        Datasets = catalog.List();
        Shipped = catalog.Shipped.Folders();
        ServerFolders = User.IsInRole(Network.Data.Users.Roles.Admin) ? folderImports.Folders() : [];
        Dataset ??= Datasets.Count > 0 ? Datasets[0].Name : null;
    }

    private PageResult Fail(string message)
    {
        Error = message;
        return Page();
    }
}
