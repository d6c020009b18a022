using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Analysis.Domain;
using Network.Api.Http;
using Network.Data.Formats;
using Network.Data.Imports;
using Network.Data.Storage;

namespace Network.Api.Datasets;

/// <summary>
/// How far the creation of a dataset from a folder on the server is: <paramref name="Phase"/> "reading" (every file read
/// and checked), "writing" (<paramref name="Written"/> of <paramref name="Total"/> records, kept only once all are
/// written), "done" (the dataset exists; its analysis runs — <c>GET /api/datasets/{name}</c> says when it is ready) or
/// "failed" (<paramref name="Error"/>, with the first <paramref name="Problems"/> when the files are not valid; nothing
/// was written).
/// </summary>
public sealed record FolderImportView(string Folder, string Dataset, string Phase, int Written, int Total, int Percent,
    DateTimeOffset Started, DateTimeOffset? Finished, string? Error, IReadOnlyList<string> Problems);

/// <summary>A data folder in the server's import folder: its files and their size, and its latest import.</summary>
public sealed record ServerFolder(string Name, int Files, long Bytes, FolderImportView? Import);

/// <param name="Name">The new dataset's name.</param>
/// <param name="AnonymousRead">Open it to anonymous readers at once (default: private).</param>
public sealed record ImportFolderRequest(string Name, string? Title = null, bool? AnonymousRead = null);

/// <summary>
/// Datasets created from folders an admin put on the server (<see cref="StorageOptions.ImportFolder"/>): data too large to
/// upload — <c>network generate --members 50000</c> writes 65 MB — read, checked and written in the background, all or
/// nothing, with the progress readable while it runs. Only the folder's direct subfolders can be named, never a path.
/// </summary>
public sealed class FolderImports(DatasetCatalog catalog, Analysis.AnalysisService analysis, Microsoft.Extensions.Options.IOptions<StorageOptions> options,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<FolderImports> log)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Job> _jobs = new(StringComparer.Ordinal);

    /// <summary>The import folder (created when first listed).</summary>
    public string Root => Path.GetFullPath(Path.Combine(catalog.DataFolder, options.Value.ImportFolder));

    public IReadOnlyList<ServerFolder> Folders()
    {
        Directory.CreateDirectory(Root);
        return Directory.GetDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "mapping.json")) || CsvBundle.IsBundle(d))
            .Select(d => new DirectoryInfo(d))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d =>
            {
                var files = d.GetFiles();
                return new ServerFolder(d.Name, files.Length, files.Sum(f => f.Length), Status(d.Name));
            })
            .ToList();
    }

    /// <summary>The latest import of <paramref name="folder"/>, or null when none ran since the server started.</summary>
    public FolderImportView? Status(string folder)
    {
        lock (_gate)
            return _jobs.TryGetValue(folder, out var job) ? job.View() : null;
    }

    /// <summary>
    /// Starts creating <paramref name="info"/> from <paramref name="folder"/>. Null when no such folder is there; throws
    /// <see cref="InvalidOperationException"/> when the folder is being imported or the name is taken.
    /// </summary>
    public FolderImportView? Start(string folder, DatasetInfo info)
    {
        if (Folders().FirstOrDefault(f => f.Name == folder) is null)
            return null;
        if (!DatasetCatalog.IsName(info.Name))
            throw new ValidationFailedException([new("dataset", "name", $"'{info.Name}' must be 1–40 lower-case letters, digits or dashes")]);
        Job job;
        lock (_gate)
        {
            if (_jobs.TryGetValue(folder, out var running) && running.Running)
                throw new InvalidOperationException($"'{folder}' is being imported into '{running.Dataset}' already.");
            if (catalog.Find(info.Name) is not null || _jobs.Values.Any(j => j.Running && j.Dataset == info.Name))
                throw new InvalidOperationException($"A dataset '{info.Name}' exists already.");
            job = new Job(folder, info.Name, clock.GetUtcNow());
            _jobs[folder] = job;
        }
        _ = Task.Run(() => RunAsync(job, Path.Combine(Root, folder), info, lifetime.ApplicationStopping));
        return job.View();
    }

    private async Task RunAsync(Job job, string folder, DatasetInfo info, CancellationToken cancellationToken)
    {
        try
        {
            var contents = Importer.Read(folder, Importer.MappingOf(folder, null), null);
            if (contents.Errors.Count > 0)
                throw new ValidationFailedException(CsvBundle.Locate(contents.Errors, contents.Locations).Distinct().ToList());
            job.Writing(contents.Graph.Nodes.Count + contents.Graph.Relationships.Count);
            await catalog.CreateAsync(info, contents.Graph, new Reported<int>(job.Wrote), cancellationToken);
            job.Finish(clock.GetUtcNow(), null, []);
            analysis.Changed(info.Name);
            log.LogInformation("Created dataset {Dataset} from the server folder {Folder}", info.Name, job.Folder);
        }
        catch (ValidationFailedException e)
        {
            job.Finish(clock.GetUtcNow(), $"{e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")} in the files; nothing was written.",
                [.. e.Errors.Take(50).Select(p => p.ToString())]);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or GraphDatabaseUnavailableException or OperationCanceledException or UnauthorizedAccessException)
        {
            log.LogError(e, "Importing the server folder {Folder} failed", job.Folder);
            job.Finish(clock.GetUtcNow(), $"The import stopped, nothing was written: {e.Message}", []);
        }
    }

    /// <summary>One import; its fields are read by requests while the import's own task writes them.</summary>
    private sealed class Job(string folder, string dataset, DateTimeOffset started)
    {
        private readonly Lock _gate = new();
        private string _phase = "reading";
        private int _written;
        private int _total;
        private DateTimeOffset? _finished;
        private string? _error;
        private IReadOnlyList<string> _problems = [];

        public string Folder => folder;

        public string Dataset => dataset;

        public bool Running
        {
            get
            {
                lock (_gate)
                    return _finished is null;
            }
        }

        public void Writing(int total)
        {
            lock (_gate)
                (_phase, _total) = ("writing", total);
        }

        public void Wrote(int written)
        {
            lock (_gate)
                _written = written;
        }

        public void Finish(DateTimeOffset at, string? error, IReadOnlyList<string> problems)
        {
            lock (_gate)
                (_phase, _finished, _error, _problems) = (error is null ? "done" : "failed", at, error, problems);
        }

        public FolderImportView View()
        {
            lock (_gate)
            {
                var percent = _phase switch { "done" => 100, "writing" when _total > 0 => (int)(100L * _written / _total), _ => 0 };
                return new FolderImportView(folder, dataset, _phase, _written, _total, percent, started, _finished, _error, _problems);
            }
        }
    }
}

public static class FolderImportsApi
{
    public static IEndpointRouteBuilder MapFolderImports(this IEndpointRouteBuilder app)
    {
        var api = app.MapApi("/api/folders", "Datasets");
        api.MapGet("/", (FolderImports imports) => TypedResults.Ok(imports.Folders()))
            .RequireAuthorization(Auth.Policies.Admin).Problems()
            .WithSummary("Data folders in the server's import folder (admins): data too large to upload, with each one's latest import");
        api.MapPost("/{folder}/import", Results<Accepted<FolderImportView>, ProblemHttpResult> (string folder, ImportFolderRequest request, FolderImports imports) =>
        {
            try
            {
                var started = imports.Start(folder, new DatasetInfo(request.Name, request.Title ?? request.Name, false, $"server folder {folder}") { AnonymousRead = request.AnonymousRead == true });
                return started is null
                    ? Missing.Answer($"No data folder '{folder}' in the server's import folder.")
                    : TypedResults.Accepted($"/api/folders/{Uri.EscapeDataString(folder)}/import", started);
            }
            catch (InvalidOperationException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
            }
        }).RequireAuthorization(Auth.Policies.Admin).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Create a dataset from a folder on the server (admins): read, checked and written in the background, all or nothing; follow it at the Location");
        api.MapGet("/{folder}/import", Results<Ok<FolderImportView>, ProblemHttpResult> (string folder, FolderImports imports) =>
                imports.Status(folder) is { } view ? TypedResults.Ok(view) : Missing.Answer($"No import of '{folder}' since the server started."))
            .RequireAuthorization(Auth.Policies.Admin).Problems(StatusCodes.Status404NotFound)
            .WithSummary("How far the import of a server folder is: reading, writing (records written of all), done or failed (with the problems)");
        return app;
    }
}
